package dev.herald.shared.web;

import java.util.function.Function;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A controller parameter of one type, resolved from the request: the API's authenticated {@code
 * ProjectId}, the dashboard's signed-in user.
 */
public final class TypedArgument<T> implements HandlerMethodArgumentResolver {

  private final Class<T> type;
  private final Function<NativeWebRequest, T> resolve;

  public TypedArgument(Class<T> type, Function<NativeWebRequest, T> resolve) {
    this.type = type;
    this.resolve = resolve;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == type;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    return resolve.apply(request);
  }
}
