package com.rxflow.auth;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two pages of the device flow the framework leaves to the application: where a person types
 * the code their terminal shows (when they open the plain verification URI rather than the complete
 * one), and what they see once the code is approved.
 */
@RestController
class DevicePages {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>RxFlow sign-in</title></head>
            <body style="font-family: sans-serif; max-width: 32em; margin: 4em auto">%s</body></html>
            """;

    /** Only without {@code user_code}: with it, the authorization server's own filter answers. */
    @GetMapping(path = "/oauth2/device_verification", produces = MediaType.TEXT_HTML_VALUE)
    String enterCode() {
        return PAGE.formatted("""
                <h1>Sign in a device</h1>
                <form method="get" action="/oauth2/device_verification">
                  <label>The code your terminal shows <input name="user_code" autofocus required></label>
                  <button type="submit">Continue</button>
                </form>""");
    }

    @GetMapping(path = SecurityConfiguration.DEVICE_APPROVED_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    String approved() {
        return PAGE.formatted("<h1>Device signed in</h1><p>You can close this page and go back to your terminal.</p>");
    }
}
