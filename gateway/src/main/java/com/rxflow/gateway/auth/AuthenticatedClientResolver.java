package com.rxflow.gateway.auth;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands the authenticated {@link ChannelClient} to controller methods that declare it. */
class AuthenticatedClientResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ChannelClient.class;
    }

    @Override
    public ChannelClient resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object client = webRequest.getAttribute(ChannelClient.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (client instanceof ChannelClient authenticated) {
            return authenticated;
        }
        // a handler outside the authenticated paths asked for a client: refuse rather than guess
        throw new UnauthorizedException("The request is not authenticated.");
    }
}
