package dev.herald;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules use each other only through their root-package API, and never in a cycle. */
class ModularityTests {

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(HeraldApplication.class).verify();
  }
}
