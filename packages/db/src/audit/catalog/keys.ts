import { sql, type Kysely } from 'kysely'

/** A unique index (or the index behind a unique or primary key). */
export interface UniqueIndexRow {
  readonly schema: string
  readonly name: string
  readonly tableOid: string
  readonly primary: boolean
  /** Name of the constraint it backs, null for a bare unique index. */
  readonly constraintName: string | null
  /** Attribute numbers of the key columns; 0 for an expression. */
  readonly keys: readonly number[]
  /** Key column names; null for an expression. */
  readonly columns: ReadonlyArray<string | null>
  readonly partial: boolean
}

/** A foreign key that points at a tenant table. */
export interface ForeignKeyRow {
  readonly name: string
  readonly schema: string
  readonly table: string
  readonly refOid: string
  /** Tenant column of the referencing table, null when it has none. */
  readonly tenantAttnum: number | null
  readonly keys: readonly number[]
  readonly refKeys: readonly number[]
  readonly columns: readonly string[]
  readonly refColumns: readonly string[]
}

/** Loads unique indexes of the tables, skipping partitions of indexes. */
export async function loadUniqueIndexes<DB>(
  db: Kysely<DB>,
  tableOids: readonly string[],
): Promise<UniqueIndexRow[]> {
  const { rows } = await sql<UniqueIndexRow>`
    select n.nspname::text as schema, ic.relname::text as name,
      i.indrelid::text as "tableOid", i.indisprimary as primary,
      con.conname::text as "constraintName",
      array(select k.attnum::int from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
        where k.ord <= i.indnkeyatts order by k.ord) as keys,
      array(select a.attname::text
        from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
        left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where k.ord <= i.indnkeyatts order by k.ord) as columns,
      i.indpred is not null as partial
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = ic.relnamespace
    left join pg_constraint con on con.conindid = i.indexrelid
      and con.conrelid = i.indrelid and con.contype in ('u', 'p')
    where i.indisunique and i.indrelid = any(${tableOids}::oid[])
      and not ic.relispartition
    order by n.nspname, ic.relname`.execute(db)
  return rows
}

/** Loads foreign keys into the tables, once per partitioned hierarchy. */
export async function loadForeignKeys<DB>(
  db: Kysely<DB>,
  tableOids: readonly string[],
  tenantColumn: string,
): Promise<ForeignKeyRow[]> {
  const { rows } = await sql<ForeignKeyRow>`
    select con.conname::text as name, n.nspname::text as schema,
      c.relname::text as table, con.confrelid::text as "refOid",
      (select a.attnum::int from pg_attribute a where a.attrelid = con.conrelid
        and a.attname = ${tenantColumn} and a.attnum > 0
        and not a.attisdropped) as "tenantAttnum",
      con.conkey::int[] as keys, con.confkey::int[] as "refKeys",
      array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
        order by k.ord) as columns,
      array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, ord)
        join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
        order by k.ord) as "refColumns"
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and con.conparentid = 0
      and con.confrelid = any(${tableOids}::oid[])
    order by n.nspname, c.relname, con.conname`.execute(db)
  return rows
}
