package com.rxflow.tools.registry;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.schemas.tool.ToolEffect;

/**
 * A tool whose name and types come from its contract in {@code ToolContracts}, the one place the
 * caller and the tool agree on them.
 */
public abstract class ContractTool<A extends SpecificRecord, R extends SpecificRecord> implements Tool<A, R> {

    private final ToolContract<A, R> contract;

    protected ContractTool(ToolContract<A, R> contract) {
        this.contract = contract;
    }

    @Override
    public final String name() {
        return contract.name();
    }

    @Override
    public final Class<A> argumentType() {
        return contract.argumentType();
    }

    @Override
    public final Class<R> resultType() {
        return contract.resultType();
    }

    @Override
    public final ToolEffect effect() {
        return contract.effect();
    }
}
