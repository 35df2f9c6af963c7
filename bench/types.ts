/** One line of `npm run bench`: a measured value, optionally against an anchor measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  anchor?: string;
  anchorValue?: number;
  ratio?: number;
  goal?: string;
  pass?: boolean;
}
