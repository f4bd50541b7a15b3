package dev.bookingsinvoicing.service.web;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document of a service's REST API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}, both
 * behind the API's login: {@link #PATHS}) names its errors: every operation may answer 400, 401 and 403, and one
 * with a path variable 404, each as an RFC 9457 problem detail ({@value #PROBLEM_JSON}), as the services' error
 * advice answers them. The document is titled after the service and its build, and says the API takes HTTP Basic.
 * A service opts in with {@code @Import(ProblemDetailApiDocs.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemDetailApiDocs {

    public static final String PROBLEM_JSON = "application/problem+json";

    /** The OpenAPI document and Swagger UI: any signed-in user of the service may read them. */
    public static final String[] PATHS = { "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**" };

    static final String PROBLEM_SCHEMA = "ProblemDetail";
    static final String BASIC = "basic";

    /** The errors every operation may answer, and what each means. */
    static final Map<String, String> EVERY_OPERATION = Map.of(
            "400", "The request is not valid: the problem's detail names the parameter or field and what it accepts",
            "401", "No or wrong credentials (HTTP Basic)",
            "403", "The user may not do this (role, or in invoicing-service a business the user may not see)");
    static final Map<String, String> WITH_PATH_VARIABLE = Map.of("404", "Nothing with this id");

    @Bean
    OpenApiCustomizer problemDetailResponses(Environment environment, ObjectProvider<BuildProperties> build) {
        String service = environment.getProperty("spring.application.name", "service");
        String version = build.getIfAvailable() == null ? "unknown" : build.getIfAvailable().getVersion();
        return api -> describe(api, service, version);
    }

    static void describe(OpenAPI api, String service, String version) {
        api.info(new Info().title(service + " API").version(version));
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema())
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"));
        api.addSecurityItem(new SecurityRequirement().addList(BASIC));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            EVERY_OPERATION.forEach((status, meaning) -> responses.addApiResponse(status, problem(meaning)));
            if (path.contains("{")) {
                WITH_PATH_VARIABLE.forEach((status, meaning) -> responses.addApiResponse(status, problem(meaning)));
            }
            operation.setResponses(responses);
        }));
    }

    private static ApiResponse problem(String meaning) {
        return new ApiResponse().description(meaning).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /** RFC 9457's members, as Spring's ProblemDetail writes them. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An error, RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad query parameter"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("size must be a whole number, not 'ten'"))
                .addProperty("instance", new StringSchema().format("uri"));
    }
}
