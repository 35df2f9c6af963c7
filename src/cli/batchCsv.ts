// The IntroSVG batch format: a CSV with a header naming `id` and `desc`
// (other columns ignored). Quoted fields may hold commas, quotes ("") and
// line breaks.

export type CsvParse = { ok: true; rows: { id: string; desc: string }[] } | { ok: false; error: string };

export function parseIdDescCsv(text: string): CsvParse {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!records.ok) return records;
  const [header, ...body] = records.records;
  if (!header) return { ok: false, error: 'the file is empty (expected a header "id,desc")' };
  const names = header.map((h) => h.trim().toLowerCase());
  const idCol = names.indexOf('id');
  const descCol = names.indexOf('desc');
  if (idCol < 0 || descCol < 0) return { ok: false, error: `the header must name the columns id and desc (found: ${header.join(',')})` };
  const rows: { id: string; desc: string }[] = [];
  body.forEach((r, i) => {
    if (r.length === 1 && r[0].trim() === '') return;
    const id = (r[idCol] ?? '').trim();
    const desc = (r[descCol] ?? '').trim();
    if (!id || !desc) rows.push({ id: id || `row ${i + 2}`, desc: '' });
    else rows.push({ id, desc });
  });
  const empty = rows.find((r) => !r.desc);
  if (empty) return { ok: false, error: `${empty.id}: missing id or desc` };
  return { ok: true, rows };
}

function parseCsv(text: string): { ok: true; records: string[][] } | { ok: false; error: string } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += c;
  }
  if (quoted) return { ok: false, error: `a quoted field opened before line ${line} never closes` };
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records };
}

/** The id as a file name: letters, digits, dot, dash and underscore; undefined if nothing usable remains. */
export function safeId(id: string): string | undefined {
  const s = id.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_');
  return s && s !== '_' ? s.slice(0, 120) : undefined;
}
