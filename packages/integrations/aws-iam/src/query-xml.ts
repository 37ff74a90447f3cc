/**
 * Reads the XML documents the AWS Query API answers with (`<ActionResponse><ActionResult>...</ActionResult>
 * <ResponseMetadata>...</ResponseMetadata></ActionResponse>`). The kit parses JSON only, so IAM's results are read
 * here: elements become properties, `<member>` lists become arrays, leaves stay strings (the operation schemas type
 * them), empty elements are absent. Attributes, mixed content and DTDs do not occur in these documents and are not
 * read; a document that is not well-formed is rejected.
 */

export class QueryXmlError extends Error {
  override readonly name = 'QueryXmlError';
}

type XmlValue = string | XmlValue[] | { [name: string]: XmlValue };

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return entities[entity] ?? whole;
  });
}

const token =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|([^<]+)|(<[^>]*>?)/g;

function parseElements(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  for (const match of xml.matchAll(token)) {
    const [whole, cdata, closing, name, selfClosing, text, other] = match;
    const current = stack[stack.length - 1]!;
    if (cdata !== undefined) current.text += cdata;
    else if (text !== undefined) current.text += decode(text);
    else if (name !== undefined) {
      if (closing) {
        if (current.name !== name) throw new QueryXmlError(`</${name}> closes <${current.name}>`);
        stack.pop();
      } else {
        const element: XmlElement = { name: name.replace(/^.*:/, ''), children: [], text: '' };
        current.children.push(element);
        if (!selfClosing) stack.push(element);
      }
    } else if (other !== undefined) {
      throw new QueryXmlError(`unexpected markup ${whole.slice(0, 40)}`);
    }
  }
  if (stack.length !== 1) throw new QueryXmlError(`<${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}

function plainValue(element: XmlElement): XmlValue | undefined {
  if (element.children.length === 0) {
    const text = element.text.trim();
    return text === '' ? undefined : text;
  }
  if (element.children.every((child) => child.name === 'member')) {
    return element.children.flatMap((child) => {
      const value = plainValue(child);
      return value === undefined ? [] : [value];
    });
  }
  const object: Record<string, XmlValue> = {};
  for (const child of element.children) {
    const value = plainValue(child);
    if (value !== undefined) object[child.name] = value;
  }
  return object;
}

/**
 * The `<{action}Result>` of a Query API response as a plain object, plus `RequestId` from `ResponseMetadata`.
 * Actions without a result (UpdateAccessKey, DeleteAccessKey) give `{ RequestId }`.
 */
export function queryResult(action: string, xml: string): Record<string, unknown> {
  const document = parseElements(xml);
  const response = document.children.find((child) => child.name === `${action}Response`);
  if (response === undefined) {
    const found = document.children[0]?.name ?? 'nothing';
    throw new QueryXmlError(`expected <${action}Response>, found <${found}>`);
  }
  const result = response.children.find((child) => child.name === `${action}Result`);
  const metadata = response.children.find((child) => child.name === 'ResponseMetadata');
  const requestId = metadata?.children.find((child) => child.name === 'RequestId')?.text.trim();
  const value = result === undefined ? {} : plainValue(result);
  return {
    ...(typeof value === 'object' && !Array.isArray(value) ? value : {}),
    ...(requestId ? { RequestId: requestId } : {}),
  };
}
