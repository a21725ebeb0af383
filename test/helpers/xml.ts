/**
 * A strict reader of the XML our SVG writer produces (elements, attributes, text, entities; no
 * DTD, CDATA or processing instructions): it throws on anything that is not well-formed and
 * returns the element tree, so tests can count and inspect elements.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  return s.replace(/&([^;]*);|&/g, (m, name: string | undefined) => {
    if (name === undefined) throw new Error(`XML: bare '&' near offset ${at}`);
    const v = ENTITIES[name] ?? (/^#\d+$/.test(name) ? String.fromCodePoint(Number(name.slice(1))) : /^#x[\da-f]+$/i.test(name) ? String.fromCodePoint(parseInt(name.slice(2), 16)) : undefined);
    if (v === undefined) throw new Error(`XML: unknown entity ${m} near offset ${at}`);
    return v;
  });
}

/** Parse a document with one root element (surrounding whitespace allowed). */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.includes('>')) throw new Error(`XML: stray '>' near offset ${i}`);
    if (stack.length === 0) {
      if (chunk.trim() !== '') throw new Error(`XML: text outside the root element near offset ${i}`);
    } else stack[stack.length - 1]!.text += decode(chunk, i);
    if (lt < 0) break;
    if (text.startsWith('</', lt)) {
      const m = NAME.exec(text.slice(lt + 2));
      const end = text.indexOf('>', lt);
      if (!m || end < 0 || text.slice(lt + 2 + m[0].length, end).trim() !== '') throw new Error(`XML: bad closing tag near offset ${lt}`);
      const open = stack.pop();
      if (open?.name !== m[0]) throw new Error(`XML: </${m[0]}> closes <${open?.name ?? 'nothing'}> near offset ${lt}`);
      i = end + 1;
      continue;
    }
    const m = NAME.exec(text.slice(lt + 1));
    if (!m) throw new Error(`XML: bad tag near offset ${lt}`);
    let j = lt + 1 + m[0].length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(text.slice(j))![0];
      j += ws.length;
      if (text.startsWith('/>', j) || text[j] === '>') break;
      if (ws === '') throw new Error(`XML: attributes must be separated by space near offset ${j}`);
      const a = /^([A-Za-z_:][\w.:-]*)="([^"<]*)"/.exec(text.slice(j));
      if (!a) throw new Error(`XML: bad attribute near offset ${j}`);
      if (a[1]! in attributes) throw new Error(`XML: repeated attribute ${a[1]} near offset ${j}`);
      attributes[a[1]!] = decode(a[2]!, j);
      j += a[0].length;
    }
    const el: XmlElement = { name: m[0], attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else if (root === undefined) root = el;
    else throw new Error(`XML: a second root element near offset ${lt}`);
    if (text.startsWith('/>', j)) i = j + 2;
    else {
      stack.push(el);
      i = j + 1;
    }
  }
  if (stack.length > 0) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is never closed`);
  if (root === undefined) throw new Error('XML: no root element');
  return root;
}

/** Every element of the tree (depth first). */
export function allElements(e: XmlElement): XmlElement[] {
  return [e, ...e.children.flatMap(allElements)];
}
