/** The layout tables (image ids of a page) the outbox keeps for each session, by session and page. */
import type { TableRecord } from "./store";

export class SessionTables {
  private readonly ids = new Map<string, string[]>();

  set(s: string, p: number, ids: string[]): void {
    this.ids.set(key(s, p), ids);
  }

  get(s: string, p: number): readonly string[] | undefined {
    return this.ids.get(key(s, p));
  }

  /** Every table of the session. */
  of(s: string): TableRecord[] {
    const tables: TableRecord[] = [];
    for (const [k, ids] of this.ids) {
      if (k.startsWith(`${s}|`)) tables.push({ s, p: Number(k.slice(s.length + 1)), ids });
    }
    return tables;
  }

  forgetSession(s: string): void {
    for (const k of [...this.ids.keys()]) if (k.startsWith(`${s}|`)) this.ids.delete(k);
  }
}

function key(s: string, p: number): string {
  return `${s}|${p}`;
}
