import { codeLabel, peerGroupLabel, peerKeyLabel } from './labels.js';

describe('peerKeyLabel', () => {
  it('names each part of a peer-group key in Chinese', () => {
    expect(peerKeyLabel('2017-2019|municipal|construction|lowest_evaluated_price|10000000-50000000')).toBe('年份 2017–2019 · 市政基础设施 · 施工 · 经评审的最低投标价法 · 限价 1000万–5000万');
    expect(peerKeyLabel('2020-2022|building|design|comprehensive|0-1000000')).toBe('年份 2020–2022 · 房屋建筑 · 设计 · 综合评估法 · 限价 100万以下');
    expect(peerKeyLabel('2019-2021|building|construction|reasonable_low_price|50000000-inf')).toBe('年份 2019–2021 · 房屋建筑 · 施工 · 合理低价法 · 限价 5000万以上');
  });

  it('leaves out dropped dimensions, in every key shape the detectors write', () => {
    expect(peerKeyLabel('2017-2019|municipal|construction||lowest_evaluated_price|10000000-50000000')).toBe('年份 2017–2019 · 市政基础设施 · 施工 · 经评审的最低投标价法 · 限价 1000万–5000万');
    expect(peerKeyLabel('*|building|survey|reasonable_low_price|*')).toBe('房屋建筑 · 勘察 · 合理低价法');
    expect(peerKeyLabel('municipal|construction|comprehensive|0')).toBe('市政基础设施 · 施工 · 综合评估法');
    expect(peerKeyLabel('2023..2025|building|construction')).toBe('年份 2023–2025 · 房屋建筑 · 施工');
    expect(peerKeyLabel('*')).toBe('全部标段');
    expect(peerKeyLabel('global:*')).toBe('全部标段');
  });

  it('passes a Chinese group label through and names codes', () => {
    expect(peerGroupLabel('2017–2019年·市政基础设施·施工')).toBe('2017–2019年·市政基础设施·施工');
    expect(codeLabel('full')).toMatch(/^完整分组/);
    expect(codeLabel('bid_pm')).toBe('标书所列项目经理');
    expect(codeLabel('any_present')).toBe('有人到岗的日子');
    expect(codeLabel('R058')).toBe('中标价大幅低于次低价');
    expect(codeLabel('ALB')).toBe('异常低价检测（ALB）');
    expect(codeLabel('玉山镇')).toBeNull();
  });
});
