package org.mediationledger.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final ProjectionPositionHeader projectionPositionHeader;

    public WebConfiguration(ProjectionPositionHeader projectionPositionHeader) {
        this.projectionPositionHeader = projectionPositionHeader;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(projectionPositionHeader).addPathPatterns("/api/**");
    }
}
