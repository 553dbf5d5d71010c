package dev.herald.dashboard.web;

import dev.herald.dashboard.DashboardUser;
import dev.herald.dashboard.DashboardUsers;
import dev.herald.shared.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in page and the sign-up that proves a project's API keys. */
@Controller
class AuthController {

  private final DashboardUsers users;

  AuthController(DashboardUsers users) {
    this.users = users;
  }

  @GetMapping("/dashboard/login")
  String login() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof DashboardUser) {
      return "redirect:/dashboard/distributions";
    }
    return "dashboard/login";
  }

  @GetMapping("/dashboard/signup")
  String signupForm() {
    return "dashboard/signup";
  }

  @PostMapping("/dashboard/signup")
  String signup(
      @RequestParam(name = "app_id", defaultValue = "") String appId,
      @RequestParam(name = "app_token", defaultValue = "") String appToken,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String password,
      Model model) {
    try {
      DashboardUser user = users.signUp(appId, appToken, email, name, password);
      return "redirect:/dashboard/login?created&email="
          + URLEncoder.encode(user.email(), StandardCharsets.UTF_8);
    } catch (ApiException e) {
      model.addAttribute("error", e.details());
      model.addAttribute("appId", appId);
      model.addAttribute("email", email);
      model.addAttribute("name", name);
      return "dashboard/signup";
    }
  }
}
