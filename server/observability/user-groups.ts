/**
 * The "user group" label of token metrics: a role name, never a user id. Role
 * names are read from the database at start and again (at most every 10 s)
 * when a chat names a role not seen yet; past `max` distinct names, further
 * roles count as `other`, so an organisation with many roles cannot blow up
 * the series count.
 */
export class UserGroups {
  private names = new Map<string, string>();
  private labels = new Set<string>();
  private refreshing: Promise<void> | null = null;
  private lastRefresh = -Infinity;

  constructor(
    private readonly load: () => Promise<Map<string, string>>,
    private readonly max = 20,
  ) {}

  async refresh(): Promise<void> {
    this.lastRefresh = performance.now();
    const names = await this.load();
    for (const [id, name] of names) {
      if (!this.labels.has(name) && this.labels.size >= this.max) continue;
      this.labels.add(name);
      this.names.set(id, name);
    }
  }

  /** The group of a user with these roles: the first role name in alphabetical order ('none' without roles). */
  groupOf(roleIds: readonly string[]): string {
    if (roleIds.length === 0) return 'none';
    let group: string | undefined;
    for (const id of roleIds) {
      const name = this.names.get(id);
      if (name === undefined) this.refreshSoon();
      else if (group === undefined || name < group) group = name;
    }
    return group ?? 'other';
  }

  private refreshSoon(): void {
    if (this.refreshing || performance.now() - this.lastRefresh < 10_000) return;
    this.refreshing = this.refresh()
      .catch(() => {})
      .finally(() => (this.refreshing = null));
  }
}
