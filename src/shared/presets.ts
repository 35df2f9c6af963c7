// Named models the server can fetch and run. Checksums are the SHA-256 values
// the hosting repository publishes for these exact files (pinned by commit where
// the repository lets us), so a corrupted or substituted download is refused.
// Files with no checksum recorded here are checked against the SHA-256 the host
// sends with the file (Hugging Face's X-Linked-Etag), which is then pinned in the
// cache; the host must publish one, or the download is refused.

export interface ModelFile {
  /** File name inside the cache directory. */
  fileName: string;
  url: string;
  /** Lower-case hex SHA-256 of the whole file; absent: the one the host publishes, checked on first download. */
  sha256?: string;
  /** Approximate size for messages before the download starts. */
  approxBytes: number;
}

export interface LlamaCppPreset {
  engine: 'llamacpp';
  name: string;
  description: string;
  model: ModelFile;
  mmproj?: ModelFile;
  contextSize: number;
}

export interface VllmPreset {
  engine: 'vllm';
  name: string;
  description: string;
  /** Hugging Face model id; vLLM downloads and caches it itself. */
  hfModel: string;
  maxModelLen: number;
}

export type ModelPreset = LlamaCppPreset | VllmPreset;

export const DEFAULT_PRESET = 'qwen2-vl-2b';

export const PRESETS: readonly ModelPreset[] = [
  {
    engine: 'llamacpp',
    name: 'qwen2-vl-2b',
    description: 'Qwen2-VL-2B-Instruct, Q5_K_M GGUF with its vision projector: a small general vision-language model that runs on CPU.',
    model: {
      fileName: 'Qwen2-VL-2B-Instruct-Q5_K_M.gguf',
      url: 'https://huggingface.co/bartowski/Qwen2-VL-2B-Instruct-GGUF/resolve/2160e265f926e84e84dbb1c73e623b5324b23707/Qwen2-VL-2B-Instruct-Q5_K_M.gguf',
      sha256: '364f83bc6f5c7246290a214c9a5986e3b540cc416f79c638913ca7f704321988',
      approxBytes: 1_130_000_000,
    },
    mmproj: {
      fileName: 'Qwen2-VL-2B-mmproj-q5_1.gguf',
      url: 'https://huggingface.co/koboldcpp/mmproj/resolve/main/Qwen2-VL-2B-mmproj-q5_1.gguf',
      sha256: '73e4561b030685849083912a91792567a11c492160cd24f120f428bb61192848',
      approxBytes: 506_000_000,
    },
    contextSize: 8192,
  },
  ...gpuPresets(),
  {
    engine: 'vllm',
    name: 'introsvg-7b',
    description: 'IntroSVG-Qwen2.5-VL-7B (Apache-2.0): generator and critic trained for SVG icons; needs a CUDA GPU with about 24 GB.',
    hfModel: 'gitcat404/IntroSVG-Qwen2.5-VL-7B',
    maxModelLen: 16384,
  },
];

/**
 * Qwen2.5-VL GGUFs for the bundled server on a GPU (ggml-org's conversions, with
 * their vision projector). No stored source publishes their checksums or exact
 * sizes: the sizes are approximate, and the first download is checked against the
 * SHA-256 Hugging Face sends with each file.
 */
function gpuPresets(): LlamaCppPreset[] {
  const file = (repo: string, fileName: string, approxBytes: number): ModelFile => ({ fileName, url: `https://huggingface.co/ggml-org/${repo}/resolve/main/${fileName}`, approxBytes });
  const mmproj7b = file('Qwen2.5-VL-7B-Instruct-GGUF', 'mmproj-Qwen2.5-VL-7B-Instruct-Q8_0.gguf', 850_000_000);
  return [
    {
      engine: 'llamacpp', name: 'qwen2.5-vl-7b-q4', contextSize: 16384, mmproj: mmproj7b,
      description: 'Qwen2.5-VL-7B-Instruct, Q4_K_M GGUF with its Q8_0 vision projector: for a GPU with 8 GB or more.',
      model: file('Qwen2.5-VL-7B-Instruct-GGUF', 'Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf', 4_680_000_000),
    },
    {
      engine: 'llamacpp', name: 'qwen2.5-vl-7b-q8', contextSize: 16384, mmproj: mmproj7b,
      description: 'Qwen2.5-VL-7B-Instruct, Q8_0 GGUF with its Q8_0 vision projector: for a GPU with 12 GB or more.',
      model: file('Qwen2.5-VL-7B-Instruct-GGUF', 'Qwen2.5-VL-7B-Instruct-Q8_0.gguf', 8_100_000_000),
    },
    {
      engine: 'llamacpp', name: 'qwen2.5-vl-3b', contextSize: 16384,
      description: 'Qwen2.5-VL-3B-Instruct, Q4_K_M GGUF with its Q8_0 vision projector: for smaller GPUs (4 GB or more).',
      model: file('Qwen2.5-VL-3B-Instruct-GGUF', 'Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf', 1_930_000_000),
      mmproj: file('Qwen2.5-VL-3B-Instruct-GGUF', 'mmproj-Qwen2.5-VL-3B-Instruct-Q8_0.gguf', 850_000_000),
    },
  ];
}

export function findPreset(name: string, presets: readonly ModelPreset[] = PRESETS): ModelPreset | undefined {
  return presets.find((p) => p.name === name.toLowerCase());
}
