package org.jobstream.query.discovery;

import java.util.Map;
import org.jobstream.errors.NotFound;
import org.jobstream.web.PublicRoute;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /.well-known/openid-configuration} and {@code GET /.well-known/jwks.json}, without a
 * token: a DiracX client fetches the first when it is created (it reads {@code token_endpoint}),
 * and anyone checking a token follows its {@code jwks_uri}.
 */
@RestController
@RequestMapping("/.well-known")
class DiscoveryController {

    private final Discovery discovery;

    DiscoveryController(Discovery discovery) {
        this.discovery = discovery;
    }

    @PublicRoute
    @GetMapping("/openid-configuration")
    OpenIdConfiguration openIdConfiguration() {
        return discovery.configuration(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
    }

    @PublicRoute
    @GetMapping("/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        Map<String, Object> keys = discovery.jwks().orElseThrow(() -> new NotFound(
                "This deployment's tokens are checked with its issuer's keys: see jwks_uri in /.well-known/openid-configuration"));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(keys);
    }
}
