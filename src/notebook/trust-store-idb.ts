/** The browser's trust store: trusted notebook signatures kept in IndexedDB (`trust` object store). */
import { IdbDatabase } from './idb.ts';
import type { TrustStore } from './trust.ts';

export class IdbTrustStore implements TrustStore {
  private constructor(readonly database: IdbDatabase) {}

  static async open(dbName = 'litelab'): Promise<IdbTrustStore> {
    return new IdbTrustStore(await IdbDatabase.open(dbName));
  }

  async has(signature: string): Promise<boolean> {
    return (await this.database.get<number>('trust', signature)) !== undefined;
  }

  async add(signature: string): Promise<void> {
    await this.database.put('trust', signature, Date.now());
  }
}
