/** Place names and name templates for 昆山: 区镇, roads, estates, firms, projects, people. */
import type { Category, WorkType } from '../detectors/types.js';
import type { Rng } from './prng.js';

/** 昆山's 区镇 with a rough share of tendering activity (the centre and the zones tender most). */
export const DISTRICTS: Readonly<Record<string, number>> = {
  玉山镇: 18,
  昆山开发区: 14,
  昆山高新区: 12,
  花桥经济开发区: 9,
  周市镇: 8,
  陆家镇: 7,
  巴城镇: 7,
  张浦镇: 7,
  千灯镇: 6,
  淀山湖镇: 4,
  周庄镇: 4,
  锦溪镇: 4,
};

const ROADS = [
  '前进路', '人民路', '马鞍山路', '柏庐路', '青阳路', '长江路', '黄河路', '中华园路', '萧林路', '景王路',
  '珠江路', '白马泾路', '金沙江路', '东城大道', '震川路', '江浦路', '黄浦江路', '娄江路', '朝阳路', '环城路',
  '祖冲之路', '同丰路', '昆太路', '鹿城路', '望山路', '横长泾路', '嵩山路', '衡山路', '泰山路', '庆丰路',
  '星圃路', '花安路', '绿地大道', '沪青平路', '古城路', '祥龙路', '长兴路', '新江路', '晨丰路', '汉浦路',
];
const ESTATES = [
  '锦华苑', '玉兰苑', '翠湖花园', '澜岸名邸', '金色家园', '星河湾', '枫情水岸', '紫竹苑', '阳光城', '江南世家',
  '蓝湾花园', '御景湾', '世茂蝶湖湾', '柏庐新村', '兵希新村', '富士康新村', '城北家园', '朝阳新村', '周市新城', '水乡人家',
  '湖滨花园', '春晖苑', '润泽苑', '悦澜庭', '锦绣华庭', '嘉园', '同心苑', '盛世名门', '馨苑', '翰林府',
];
const RIVERS = ['娄江', '青阳港', '吴淞江', '太仓塘', '小虞河', '夏驾河', '七浦塘', '杨林塘', '急水港', '千灯浦', '石浦港', '东城河'];
const SCHOOL_WORDS = ['实验', '中心', '城北', '城南', '开发区', '高新区', '第二', '第三', '新城', '港湾'];
const CN_NUM = ['一', '二', '三', '四', '五', '六'];

/** "昆山市周市镇…" for towns; the zones already carry 昆山 in their names. */
function placePrefix(district: string): string {
  return district.startsWith('昆山') ? district : `昆山市${district}`;
}

function buildingBase(rng: Rng, district: string): string {
  const p = placePrefix(district);
  switch (rng.int(0, 8)) {
    case 0:
    case 1:
      return `${p}${rng.pick(ESTATES)}${rng.pick(CN_NUM)}期住宅工程`;
    case 2:
      return `${p}${rng.pick(ESTATES)}动迁安置房工程`;
    case 3:
      return `${p}${rng.pick(SCHOOL_WORDS)}${rng.pick(['小学', '中学', '幼儿园', '学校'])}新建工程`;
    case 4:
      return `${p}${rng.pick(ESTATES)}社区服务中心新建工程`;
    case 5:
      return `${p}标准厂房（${rng.pick(CN_NUM)}期）建设工程`;
    case 6:
      return `${p}${rng.pick(ESTATES)}老旧小区改造工程`;
    case 7:
      return `昆山市第${rng.pick(CN_NUM)}人民医院${rng.pick(['门诊楼', '住院楼', '综合楼', '医技楼'])}扩建工程`;
    default:
      return `${p}${rng.pick(['邻里中心', '文体中心', '养老服务中心', '派出所业务用房', '消防站'])}新建工程`;
  }
}

function municipalBase(rng: Rng, district: string): string {
  const p = placePrefix(district);
  switch (rng.int(0, 7)) {
    case 0:
    case 1:
      return `${p}${rng.pick(ROADS)}改造工程`;
    case 2: {
      const [a, b, c] = rng.sample(ROADS, 3);
      return `${a}（${b}—${c}）新建工程`;
    }
    case 3:
      return `${p}雨污分流改造工程（${rng.pick(CN_NUM)}期）`;
    case 4:
      return `${rng.pick(RIVERS)}（${district}段）河道综合整治工程`;
    case 5:
      return `${p}${rng.pick(ROADS)}桥梁改建工程`;
    case 6:
      return `${p}${rng.pick(ESTATES)}片区配套道路工程`;
    default:
      return `${p}${rng.pick(ROADS)}景观绿化提升工程`;
  }
}

const WORK_SUFFIX: Record<WorkType, string> = {
  construction: '施工',
  supervision: '监理',
  design: '设计',
  survey: '勘察',
  epc: '总承包（EPC）',
};

/** e.g. 昆山市周市镇萧林路改造工程施工, 昆山市玉山镇锦华苑二期住宅工程监理. */
export function projectName(rng: Rng, category: Category, workType: WorkType, district: string): string {
  const base = category === 'building' ? buildingBase(rng, district) : municipalBase(rng, district);
  const lot = rng.chance(0.08) ? `（${rng.pick(CN_NUM.slice(0, 3))}标段）` : '';
  return `${base}${WORK_SUFFIX[workType]}${lot}`;
}

export type Home = 'kunshan' | 'suzhou' | 'jiangsu' | 'other';

/** Registration regions (USCC chars 3–8) with the place word used in firm names. */
export const REGIONS: Readonly<Record<Home, readonly { code: string; place: string }[]>> = {
  kunshan: [
    { code: '320583', place: '昆山' },
    { code: '320583', place: '昆山市' },
  ],
  suzhou: [
    { code: '320505', place: '苏州' },
    { code: '320506', place: '苏州' },
    { code: '320507', place: '苏州' },
    { code: '320508', place: '苏州' },
    { code: '320509', place: '吴江' },
    { code: '320581', place: '常熟' },
    { code: '320582', place: '张家港' },
    { code: '320585', place: '太仓' },
  ],
  jiangsu: [
    { code: '320105', place: '江苏' },
    { code: '320106', place: '南京' },
    { code: '320211', place: '无锡' },
    { code: '320412', place: '常州' },
    { code: '320602', place: '南通' },
    { code: '321002', place: '扬州' },
  ],
  other: [
    { code: '310115', place: '上海' },
    { code: '310104', place: '上海' },
    { code: '330106', place: '浙江' },
    { code: '330302', place: '温州' },
    { code: '340104', place: '安徽' },
    { code: '370102', place: '山东' },
    { code: '410105', place: '河南' },
    { code: '350102', place: '福建' },
    { code: '110105', place: '北京' },
  ],
};

const BRAND_CHARS = [
  ...'华建中恒鼎盛宏达泰安瑞通信诚兴昌隆嘉鸿远金润德正业天宇海融锦城新弘博晟筑荣顺合久祥腾亿美永东方和凯峰源辰元启明立邦',
];

export type FirmKind = 'construction' | 'supervision' | 'design' | 'survey';

const FIRM_SUFFIX: Record<FirmKind, readonly string[]> = {
  construction: ['建设工程有限公司', '建设集团有限公司', '建筑工程有限公司', '建工集团有限公司', '市政工程有限公司', '路桥工程有限公司'],
  supervision: ['工程监理有限公司', '建设监理咨询有限公司', '工程项目管理有限公司', '工程咨询有限公司'],
  design: ['建筑设计研究院有限公司', '市政设计院有限公司', '工程设计有限公司', '规划建筑设计有限公司'],
  survey: ['岩土工程勘察有限公司', '勘察测绘有限公司', '地质工程勘察院有限公司', '勘察设计有限公司'],
};

/** Firm names such as 昆山市华鼎建设工程有限公司 or 苏州恒盛工程监理有限公司 (uniqueness is the caller's). */
export function firmName(rng: Rng, kind: FirmKind, place: string, municipalOnly: boolean): string {
  const brandLen = rng.chance(0.2) ? 3 : 2;
  let brand = '';
  for (let i = 0; i < brandLen; i++) brand += rng.pick(BRAND_CHARS);
  const suffixes = FIRM_SUFFIX[kind];
  const suffix =
    kind === 'construction' ? (municipalOnly ? rng.pick(suffixes.slice(4)) : rng.pick(suffixes.slice(0, 4))) : rng.pick(suffixes);
  return `${place}${brand}${suffix}`;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文玲红辉鹏飞宇浩凯斌峰晨雪梅琳俊亮'];

/** A Chinese personal name, e.g. used as the bid file's author field. */
export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

/** Home-region pools for staff ID numbers (身份证 region codes), by where the firm is based. */
export const PERSON_REGIONS: Readonly<Record<Home, readonly string[]>> = {
  kunshan: ['320583', '320583', '320583', '320581', '320506', '320923', '321324', '341221', '411523', '320623'],
  suzhou: ['320505', '320506', '320509', '320581', '320582', '320585', '320583', '320923', '341202', '370828'],
  jiangsu: ['320106', '320211', '320412', '320602', '320623', '321002', '320923', '321324', '341221', '320583'],
  other: ['310115', '330302', '330681', '340121', '341202', '370102', '372926', '410105', '412726', '350102'],
};

/** Where site workers come from: mostly 苏北, 安徽, 河南, 四川, 贵州. */
export const WORKER_REGIONS: readonly string[] = [
  '320923', '321324', '320623', '341221', '341202', '340121', '411523', '412726', '411321', '510722', '511102', '522401', '421083', '372926',
];
