import { sqlAccess } from "../internal/sql-transaction.js"
import type { SqlClient } from "./sql-client.js"

/**
 * One versioned schema change. Applied once, in order, inside a transaction, and recorded in
 * `mia_schema_migrations`.
 *
 * @example
 * const migration: SqlMigration = { version: 1, name: "orders", statements: ["CREATE TABLE ..."] }
 */
export interface SqlMigration {
  readonly version: number
  readonly name: string
  readonly statements: ReadonlyArray<string>
}

/**
 * The schema of the SQL order store, oldest first. Every statement is idempotent on its own
 * (`IF NOT EXISTS`), so a half-applied database heals too.
 *
 * @example
 * console.log(MIA_MIGRATIONS.map((migration) => migration.name))
 */
export const MIA_MIGRATIONS: ReadonlyArray<SqlMigration> = [
  {
    version: 1,
    name: "orders, history, processed events, unmatched payments",
    statements: [
      `CREATE TABLE IF NOT EXISTS mia_orders (
        order_id text PRIMARY KEY,
        amount_minor integer NOT NULL CHECK (amount_minor > 0),
        currency text NOT NULL,
        description text NOT NULL,
        is_virtual boolean NOT NULL DEFAULT false,
        status text NOT NULL,
        paid_amount_minor integer NOT NULL DEFAULT 0,
        refunded_amount_minor integer NOT NULL DEFAULT 0,
        pay_id text,
        qr_id text,
        qr_url text,
        qr_expires_at timestamptz,
        duplicate_pay_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS mia_orders_status_updated ON mia_orders (status, updated_at)",
      "CREATE INDEX IF NOT EXISTS mia_orders_pay_id ON mia_orders (pay_id)",
      `CREATE TABLE IF NOT EXISTS mia_order_qrs (
        qr_id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES mia_orders (order_id)
      )`,
      `CREATE TABLE IF NOT EXISTS mia_order_history (
        id bigserial PRIMARY KEY,
        order_id text NOT NULL REFERENCES mia_orders (order_id),
        at timestamptz NOT NULL,
        from_status text,
        to_status text NOT NULL,
        code text NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        payload jsonb
      )`,
      "CREATE INDEX IF NOT EXISTS mia_order_history_order ON mia_order_history (order_id, id)",
      `CREATE TABLE IF NOT EXISTS mia_processed_events (
        event_key text PRIMARY KEY,
        order_id text,
        outcome text NOT NULL,
        processed_at timestamptz NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS mia_unmatched_payments (
        pay_id text PRIMARY KEY,
        qr_id text,
        order_id text,
        amount_minor integer NOT NULL,
        currency text NOT NULL,
        reason text NOT NULL,
        payload jsonb,
        received_at timestamptz NOT NULL
      )`
    ]
  },
  {
    version: 2,
    name: "reconciliation schedule, QR order, kept payments' codes, refund ledger, refund notices",
    statements: [
      "ALTER TABLE mia_orders ADD COLUMN IF NOT EXISTS next_check_at timestamptz",
      "CREATE INDEX IF NOT EXISTS mia_orders_next_check ON mia_orders (next_check_at) WHERE next_check_at IS NOT NULL",
      // Orders from before the schedule existed are due now; the reconciler spaces them out.
      `UPDATE mia_orders SET next_check_at = now()
       WHERE next_check_at IS NULL AND ((status = 'pending' AND qr_id IS NOT NULL)
         OR (status IN ('processing', 'completed', 'on-hold') AND pay_id IS NOT NULL))`,
      "ALTER TABLE mia_order_qrs ADD COLUMN IF NOT EXISTS seq bigserial",
      "ALTER TABLE mia_unmatched_payments ADD COLUMN IF NOT EXISTS code text",
      `CREATE TABLE IF NOT EXISTS mia_refunds (
        refund_key text PRIMARY KEY,
        order_id text NOT NULL REFERENCES mia_orders (order_id),
        idempotency_key text NOT NULL,
        pay_id text NOT NULL,
        amount_minor integer NOT NULL CHECK (amount_minor > 0),
        reason text NOT NULL,
        actor text NOT NULL,
        status text NOT NULL,
        bank_refund_id text,
        bank_status text,
        failure text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (order_id, idempotency_key)
      )`,
      "CREATE INDEX IF NOT EXISTS mia_refunds_status ON mia_refunds (status, created_at)",
      "CREATE INDEX IF NOT EXISTS mia_refunds_bank_id ON mia_refunds (bank_refund_id)",
      `CREATE TABLE IF NOT EXISTS mia_refund_notices (
        refund_id text PRIMARY KEY,
        pay_id text NOT NULL,
        order_id text,
        amount_minor integer,
        reason text NOT NULL,
        payload jsonb,
        received_at timestamptz NOT NULL
      )`
    ]
  },
  {
    version: 3,
    name: "POS tills: cashier state, remembered charges, MiaPos sessions",
    statements: [
      `CREATE TABLE IF NOT EXISTS mia_pos_tills (
        till_id text PRIMARY KEY,
        version integer NOT NULL,
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE IF NOT EXISTS mia_pos_charges (
        till_id text NOT NULL,
        charge_id text NOT NULL,
        seq bigserial,
        url text NOT NULL,
        amount double precision NOT NULL,
        expires_at timestamptz,
        PRIMARY KEY (till_id, charge_id)
      )`,
      "CREATE INDEX IF NOT EXISTS mia_pos_charges_till_seq ON mia_pos_charges (till_id, seq)",
      `CREATE TABLE IF NOT EXISTS mia_pos_sessions (
        till_id text PRIMARY KEY,
        session jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`
    ]
  },
  {
    version: 4,
    name: "an order's QRs by order",
    statements: [
      // Every order read lists the order's QRs: without this each read scanned every QR ever made.
      "CREATE INDEX IF NOT EXISTS mia_order_qrs_order ON mia_order_qrs (order_id, seq)"
    ]
  },
  {
    version: 5,
    name: "payment requests (RTP) of an order",
    statements: [
      // Kept with the order (one row, one compare-and-set write); the index finds a callback's order by rtpId.
      "ALTER TABLE mia_orders ADD COLUMN IF NOT EXISTS rtps jsonb NOT NULL DEFAULT '[]'::jsonb",
      "CREATE INDEX IF NOT EXISTS mia_orders_rtps ON mia_orders USING gin (rtps jsonb_path_ops)"
    ]
  }
]

// Any constant works; it only has to be the same for every server migrating this database.
const MIGRATION_LOCK = 0x6d6961

/**
 * Brings the database up to the latest schema. Safe to call on every start and from several
 * servers at once: a transaction-scoped advisory lock serialises them and applied versions are
 * skipped. Returns the versions it applied.
 *
 * @example
 * import { migrateMiaSchema } from "@mia-sdk/webhooks"
 * import pg from "pg"
 *
 * const applied = await migrateMiaSchema(new pg.Pool({ connectionString: process.env.DATABASE_URL }))
 * console.log(`applied migrations ${applied.join(", ") || "none"}`)
 */
export const migrateMiaSchema = async (
  db: SqlClient,
  migrations: ReadonlyArray<SqlMigration> = MIA_MIGRATIONS
): Promise<ReadonlyArray<number>> => {
  const access = sqlAccess(db)
  return access.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK])
    await tx.query(`CREATE TABLE IF NOT EXISTS mia_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await tx.query("SELECT version FROM mia_schema_migrations")
    const done = new Set(rows.map((row) => Number((row as { version: unknown }).version)))
    const applied: Array<number> = []
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue
      for (const statement of migration.statements) await tx.query(statement)
      await tx.query("INSERT INTO mia_schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name
      ])
      applied.push(migration.version)
    }
    return applied
  })
}
