// Writes an article of just under 8 MiB (the default input limit) whose body is a table
// of 128 columns and 2.7 million one-cell rows; md4c pads every row to 128 cells.
// usage: node tests/fuzz/regressions/table-memory.mjs > /tmp/table.json
//        /usr/bin/time -f '%e s, %M KB' build/native/lede render /tmp/table.json
const rows = 2_700_000;
const body = '|a|' + 'b|'.repeat(127) + '\n|' + '-|'.repeat(128) + '\n' + 'x\n'.repeat(rows);
process.stdout.write(JSON.stringify({ title: 'T', body }));
