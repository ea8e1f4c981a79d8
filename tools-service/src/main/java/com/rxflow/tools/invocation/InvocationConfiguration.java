package com.rxflow.tools.invocation;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolRegistry;

/** Every {@link Tool} bean becomes a registered tool; commands are answered against that registry. */
@Configuration(proxyBeanMethods = false)
public class InvocationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ToolRegistry toolRegistry(List<Tool<?, ?>> tools) {
        return new ToolRegistry(tools);
    }

    @Bean
    ToolCommandHandler toolCommandHandler(ToolRegistry registry, Clock clock) {
        return new ToolCommandHandler(registry, clock);
    }
}
