-- As V916 for the other rows a bulk send writes per recipient: a code's holding is keyed by its
-- holder (a customer, whose id is unique across projects) and the code, and a code's attribution by
-- the code (a voucher id, unique across projects). Queries still name the project, checked on the
-- row. Each key is shorter by the project's id and compares one text column less.
alter table voucher_holding drop constraint voucher_holding_pkey;
alter table voucher_holding add primary key (holder_id, voucher_id);
alter table analytics_code drop constraint analytics_code_pkey;
alter table analytics_code add primary key (voucher_id);
