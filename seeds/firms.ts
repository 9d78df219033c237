/**
 * The firm population: who can bid for what, how active each firm is, and its own staff, PCs,
 * network and bond account. A firm reuses its own machines, IP and account across its bids — normal,
 * and never shared with another firm unless a planted case says so.
 */
import type { Day } from './calendar.js';
import { makeBankAccount, makeIdCard, makeIp, makeMac, makeMachineCode, makeUscc, type UniqueRegistry } from './ids.js';
import { firmName, type FirmKind, type Home, PERSON_REGIONS, personName, REGIONS } from './names.js';
import type { Rng } from './prng.js';

export interface Workstation {
  machineCode: string;
  mac: string;
}

export interface ProjectManager {
  id: string;
  /** last day of the PM's current project (named on a won bid until its contract ends) */
  busyUntil: Day;
}

export interface Firm {
  idx: number;
  uscc: string;
  name: string;
  kind: FirmKind;
  home: Home;
  building: boolean;
  municipal: boolean;
  epc: boolean;
  /** relative bidding activity; 0 = never drawn for ordinary tenders */
  weight: number;
  stations: Workstation[];
  ip: string;
  creators: string[];
  bond: string;
  pms: ProjectManager[];
  techLeads: string[];
  agents: string[];
  bids: number;
  invalid: number;
}

export interface Registries {
  uscc: UniqueRegistry;
  names: UniqueRegistry;
  persons: UniqueRegistry;
  accounts: UniqueRegistry;
  machines: UniqueRegistry;
  macs: UniqueRegistry;
  ips: UniqueRegistry;
  creators: UniqueRegistry;
}

const KIND_MIX: Readonly<Record<FirmKind, number>> = { construction: 62, supervision: 15, design: 13, survey: 10 };
const HOME_MIX: Readonly<Record<Home, number>> = { kunshan: 45, suzhou: 25, jiangsu: 12, other: 18 };
const HOME_ACTIVITY: Readonly<Record<Home, number>> = { kunshan: 1.4, suzhou: 1.1, jiangsu: 0.85, other: 0.7 };

export function newPersonId(rng: Rng, reg: Registries, home: Home, birthFrom: number, birthTo: number): string {
  return reg.persons.claim(() => makeIdCard(rng, rng.pick(PERSON_REGIONS[home]), birthFrom, birthTo));
}

export function newProjectManager(rng: Rng, reg: Registries, firm: Firm): ProjectManager {
  const pm = { id: newPersonId(rng, reg, firm.home, 1965, 1990), busyUntil: -1 };
  firm.pms.push(pm);
  return pm;
}

export function newWorkstation(rng: Rng, reg: Registries): Workstation {
  return { machineCode: reg.machines.claim(() => makeMachineCode(rng)), mac: reg.macs.claim(() => makeMac(rng)) };
}

function makeFirm(rng: Rng, reg: Registries, idx: number): Firm {
  const kind = rng.weightedKey(KIND_MIX);
  const home = rng.weightedKey(HOME_MIX);
  const region = rng.pick(REGIONS[home]);
  let building = true;
  let municipal = true;
  let epc = false;
  if (kind === 'construction') {
    const q = rng.next();
    building = q < 0.75;
    municipal = q >= 0.5;
    epc = rng.chance(0.2);
  } else if (kind === 'design') {
    epc = rng.chance(0.3);
  }
  const institute = (kind === 'design' || kind === 'survey') && rng.chance(0.1);
  const uscc = reg.uscc.claim(() => makeUscc(rng, region.code, institute ? '12' : '91'));
  const name = reg.names.claim(() => firmName(rng, kind, region.place, kind === 'construction' && !building));
  const weight = rng.logNormal(1, 0.45) * HOME_ACTIVITY[home];
  const firm: Firm = {
    idx,
    uscc,
    name,
    kind,
    home,
    building,
    municipal,
    epc,
    weight,
    stations: [],
    ip: reg.ips.claim(() => makeIp(rng, home !== 'other')),
    creators: [],
    bond: reg.accounts.claim(() => makeBankAccount(rng)),
    pms: [],
    techLeads: [],
    agents: [],
    bids: 0,
    invalid: 0,
  };
  const stations = rng.chance(0.35) ? 2 : 1;
  for (let i = 0; i < stations; i++) firm.stations.push(newWorkstation(rng, reg));
  const creators = rng.chance(0.3) ? 2 : 1;
  for (let i = 0; i < creators; i++) firm.creators.push(reg.creators.claim(() => personName(rng)));
  const pms = (kind === 'construction' ? 4 : 3) + Math.floor(weight * 2);
  for (let i = 0; i < pms; i++) newProjectManager(rng, reg, firm);
  for (let i = 0, n = rng.int(2, 3); i < n; i++) firm.techLeads.push(newPersonId(rng, reg, home, 1968, 1992));
  for (let i = 0, n = rng.int(1, 3); i < n; i++) firm.agents.push(newPersonId(rng, reg, home, 1975, 1998));
  return firm;
}

/** Firms that may bid in a pool, with cumulative weights for weighted draws. */
export class FirmPool {
  private cum: number[] = [];
  private active = 0;
  private readonly members: Set<Firm>;
  constructor(readonly firms: Firm[]) {
    this.members = new Set(firms);
    this.rebuild();
  }

  /** Call after changing weights. */
  rebuild(): void {
    let acc = 0;
    this.cum = this.firms.map((f) => (acc += f.weight));
    this.active = this.firms.filter((f) => f.weight > 0).length;
  }

  /** Up to n distinct firms drawn by activity weight, skipping `exclude` and zero-weight firms. */
  draw(rng: Rng, n: number, exclude?: ReadonlySet<Firm>): Firm[] {
    const total = this.cum[this.cum.length - 1] ?? 0;
    const chosen = new Set<Firm>();
    let excluded = 0;
    if (exclude) for (const f of exclude) if (f.weight > 0 && this.members.has(f)) excluded++;
    const want = Math.min(n, this.active - excluded);
    let guard = 0;
    while (chosen.size < want && guard++ < want * 200) {
      const x = rng.next() * total;
      let lo = 0;
      let hi = this.cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.cum[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      const f = this.firms[lo]!;
      if (f.weight > 0 && !exclude?.has(f)) chosen.add(f);
    }
    return [...chosen];
  }
}

export interface FirmMarket {
  firms: Firm[];
  pools: Map<string, FirmPool>;
}

/** Pools: construction by 房建/市政 qualification, EPC, and the three service kinds. */
export function buildFirms(rng: Rng, reg: Registries, count: number): FirmMarket {
  const firms: Firm[] = [];
  for (let i = 0; i < count; i++) firms.push(makeFirm(rng, reg, i));
  const pools = new Map<string, FirmPool>([
    ['construction:building', new FirmPool(firms.filter((f) => f.kind === 'construction' && f.building))],
    ['construction:municipal', new FirmPool(firms.filter((f) => f.kind === 'construction' && f.municipal))],
    ['epc', new FirmPool(firms.filter((f) => f.epc))],
    ['supervision', new FirmPool(firms.filter((f) => f.kind === 'supervision'))],
    ['design', new FirmPool(firms.filter((f) => f.kind === 'design'))],
    ['survey', new FirmPool(firms.filter((f) => f.kind === 'survey'))],
  ]);
  return { firms, pools };
}

/** A PM free on `day`; hires one when all are busy (firms register new 建造师 as they grow). */
export function freeProjectManager(rng: Rng, reg: Registries, firm: Firm, day: Day): ProjectManager {
  const free = firm.pms.filter((p) => p.busyUntil < day);
  return free.length > 0 ? rng.pick(free) : newProjectManager(rng, reg, firm);
}
