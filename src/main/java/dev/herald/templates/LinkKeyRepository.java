package dev.herald.templates;

import dev.herald.shared.db.Sql;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The secret behind public links, created once per database and shared by every node. It is read
 * (and created) in a transaction of its own, so a caller's rollback never leaves a node holding a
 * secret the database does not have.
 */
@Repository
class LinkKeyRepository {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate own;

  LinkKeyRepository(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  byte[] secret() {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return own.execute(
        status -> {
          jdbc.sql(
                  "insert into public_link_key (id, secret, created_at) values (1, :secret, :at)"
                      + " on conflict (id) do nothing")
              .param("secret", fresh)
              .param("at", Sql.ts(clock.instant()))
              .update();
          return jdbc.sql("select secret from public_link_key where id = 1")
              .query(byte[].class)
              .single();
        });
  }
}
