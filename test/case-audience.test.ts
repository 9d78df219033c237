import { UsersRepository } from '../src/auth/users.repository.js';
import { routedNote } from '../src/cases/case-sync.service.js';
import { CasesRepository } from '../src/cases/cases.repository.js';
import { createTestDb, type TestDb } from './support/test-db.js';

/**
 * Who sees a case (issue 15 §4: the audit line said "0 名检查员可见" while a city-wide inspector could see the case):
 * CasesRepository.audience on a real database, by the same rule as readDistrict.
 */
let db: TestDb;
beforeAll(async () => {
  db = await createTestDb('audience');
});
afterAll(async () => db?.drop());

describe('CasesRepository.audience', () => {
  it('counts the district’s inspectors, city-wide inspectors and supervisors; not other districts, auditors, importers or disabled users', async () => {
    const cases = new CasesRepository(db.ds);
    const users = new UsersRepository(db.ds);
    expect(await cases.audience('玉山镇')).toEqual({ district: '玉山镇', districtInspectors: 0, cityWideInspectors: 0, inspectors: 0, supervisors: 0 });

    let n = 0;
    const add = (name: string, role: Parameters<UsersRepository['insert']>[1], district: string | null) => users.insert(name, role, district, `hash-${++n}`, `bw_${n}`);
    await add('本镇检查员', 'inspector', '玉山镇');
    await add('全市检查员', 'inspector', null);
    await add('外镇检查员', 'inspector', '周市镇');
    await add('科长', 'supervisor', null);
    await add('审计', 'auditor', null);
    await add('录入', 'importer', null);
    const gone = await add('停用检查员', 'inspector', null);
    await db.ds.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [gone.id]);

    expect(await cases.audience('玉山镇')).toEqual({ district: '玉山镇', districtInspectors: 1, cityWideInspectors: 1, inspectors: 2, supervisors: 1 });
    // A case without a district: only those who read every district see it.
    expect(await cases.audience(null)).toEqual({ district: null, districtInspectors: 0, cityWideInspectors: 1, inspectors: 1, supervisors: 1 });

    // Counted when asked: a city-wide inspector added later counts for cases routed before.
    await add('新来的全市检查员', 'inspector', null);
    expect((await cases.audience('玉山镇')).inspectors).toBe(3);
  });

  it('names city-wide inspectors in the routing line of the audit trail', () => {
    expect(routedNote({ district: '玉山镇', districtInspectors: 0, cityWideInspectors: 1, inspectors: 1, supervisors: 2 }))
      .toMatch(/^分派至玉山镇检查组（立案时 1 名检查员可见：本辖区 0 名、全市 1 名；另有 2 名科室负责人）/);
    expect(routedNote({ district: null, districtInspectors: 0, cityWideInspectors: 3, inspectors: 3, supervisors: 0 }))
      .toMatch(/^分派至全市检查组（立案时 3 名检查员可见：全市 3 名；/);
  });
});
