import { TextDecoder } from 'node:util';
import { FileRefusedError } from './file-refused.error.js';

export type TextEncoding = 'utf-8' | 'gb18030';

/**
 * Decides how to read a file from its first bytes: UTF-8 (with or without BOM) or GB18030/GBK, which is what Excel
 * on a Chinese Windows saves as "CSV". Files that are clearly something else are refused with a message that tells
 * the clerk what to do instead.
 */
export function sniffEncoding(head: Buffer, fileName: string): TextEncoding {
  if (head.length === 0) throw new FileRefusedError(`文件为空：${fileName} (the file is empty)`, 'empty');
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new FileRefusedError(
      `这是 Excel 工作簿或压缩文件，不是 CSV：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入 (an .xlsx/zip file, not CSV)`,
      'not_csv',
    );
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new FileRefusedError(
      `文件为 UTF-16 编码（Excel“Unicode 文本”），请另存为“CSV UTF-8（逗号分隔）”后再导入 (UTF-16 is not supported; save as CSV UTF-8)`,
      'encoding',
    );
  }
  if (head.includes(0)) {
    throw new FileRefusedError(`文件含有二进制内容，不是文本 CSV (binary content, not a text CSV file)`, 'encoding');
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (decodes(head, 'utf-8')) return 'utf-8';
  if (decodes(head, 'gb18030')) return 'gb18030';
  throw new FileRefusedError(
    `无法识别文件编码：既不是 UTF-8 也不是 GB18030/GBK，请另存为“CSV UTF-8（逗号分隔）” (encoding is neither UTF-8 nor GB18030)`,
    'encoding',
  );
}

function decodes(buf: Buffer, enc: TextEncoding): boolean {
  try {
    // stream: true tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder(enc, { fatal: true }).decode(buf, { stream: true });
    return true;
  } catch {
    return false;
  }
}
