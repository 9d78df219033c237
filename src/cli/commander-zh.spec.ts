import { translateCommanderMessage } from './commander-zh.js';

describe('commander messages in Chinese', () => {
  it('translates the usage errors users meet and keeps the original beside', () => {
    expect(translateCommanderMessage("error: unknown command 'imprt'\n")).toBe("错误：没有命令“imprt”，请用 bidwatch --help 查看可用命令 (unknown command 'imprt')\n");
    expect(translateCommanderMessage("error: required option '--kind <kind>' not specified\n")).toContain('缺少必需的选项 --kind <kind>');
    expect(translateCommanderMessage('something else\n')).toBe('something else\n');
  });
});
