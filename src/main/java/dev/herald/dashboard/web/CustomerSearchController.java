package dev.herald.dashboard.web;

import dev.herald.customers.Customer;
import dev.herald.customers.CustomerQuery;
import dev.herald.customers.Customers;
import dev.herald.dashboard.DashboardUser;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** htmx: customers matching what was typed in the manual audience's customer field. */
@Controller
class CustomerSearchController {

  private final Customers customers;

  CustomerSearchController(Customers customers) {
    this.customers = customers;
  }

  @GetMapping("/dashboard/wizard/customers")
  String search(
      DashboardUser user,
      @RequestParam(name = "audience.customer", defaultValue = "") String q,
      Model model) {
    List<Customer> found = new ArrayList<>();
    String term = q.trim();
    if (term.length() >= 2) {
      customers.find(user.project(), term).ifPresent(found::add);
      CustomerQuery query =
          term.contains("@")
              ? new CustomerQuery(term, null, null, null, null, null, null, null, false, null)
              : new CustomerQuery(null, term, null, null, null, null, null, null, false, null);
      for (Customer c : customers.list(user.project(), query, 10, 0)) {
        if (found.stream().noneMatch(f -> f.id().equals(c.id()))) {
          found.add(c);
        }
      }
    }
    model.addAttribute("found", found);
    return "dashboard/wizard-parts :: customer-options";
  }
}
