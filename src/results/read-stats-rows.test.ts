import { describe, expect, it } from 'vitest';
import { readStatsRows } from './read-stats-rows';

const ROW = { campaign: 'kettle', variant: 'a', segment: null, visitors: 10, impressions: 12, clickers: 3, purchasers: 2, orders: 3, revenue: 120.5, revenue_sq: 9000.25 };

describe('readStatsRows', () => {
  it('reads a JSON array of rows, as duckdb -json writes it', () => {
    expect(readStatsRows(JSON.stringify([ROW, { ...ROW, segment: 'dach', visitors: 4 }]))).toEqual([ROW, { ...ROW, segment: 'dach', visitors: 4 }]);
  });

  it('reads numbers written as strings and NULL segments, as BigQuery writes INT64', () => {
    const bigquery = { ...ROW, visitors: '10', impressions: '12', clickers: '3', purchasers: '2', orders: '3', revenue: '120.5', revenue_sq: '9000.25' };
    expect(readStatsRows(JSON.stringify({ rows: [bigquery] }))).toEqual([ROW]);
    expect(readStatsRows([JSON.stringify(bigquery), JSON.stringify({ ...bigquery, segment: 'dach' })].join('\n'))).toEqual([ROW, { ...ROW, segment: 'dach' }]);
  });

  it('reads CSV with a header, quoted cells and an empty segment for all visitors', () => {
    const csv = 'campaign,variant,segment,visitors,impressions,clickers,purchasers,orders,revenue,revenue_sq\r\nkettle,a,,10,12,3,2,3,120.5,9000.25\r\n"kettle","a","dach, ""north""",4,4,1,1,1,20,400\r\n';
    expect(readStatsRows(csv)).toEqual([ROW, { ...ROW, segment: 'dach, "north"', visitors: 4, impressions: 4, clickers: 1, purchasers: 1, orders: 1, revenue: 20, revenue_sq: 400 }]);
  });

  it('says what is wrong, and where, with a file that is not rows', () => {
    expect(() => readStatsRows('')).toThrow('the stats file is empty');
    expect(() => readStatsRows('[{"campaign":"kettle"')).toThrow(/not valid JSON/);
    expect(() => readStatsRows('campaign,variant\nkettle,a')).toThrow(/no column "segment", "visitors"/);
    expect(() => readStatsRows(JSON.stringify([ROW, { ...ROW, visitors: -1 }]))).toThrow('row 2 of the stats file: "visitors" is not a whole number of 0 or more');
    expect(() => readStatsRows(JSON.stringify([{ ...ROW, revenue: 'lots' }]))).toThrow('"revenue" is not a number');
    expect(() => readStatsRows(JSON.stringify([{ ...ROW, campaign: undefined }]))).toThrow('row 1 of the stats file has no "campaign"');
    expect(() => readStatsRows(JSON.stringify([ROW, ROW]))).toThrow(/row 2 of the stats file repeats campaign "kettle", variant "a", all segments/);
    expect(() => readStatsRows(JSON.stringify([{ ...ROW, purchasers: 11 }]))).toThrow(/does not add up/);
  });
});
