// Recognises, in the cdktf CLI's output, a `terraform init` (or `tofu init`) that could not install the providers:
// the failure a machine without internet access meets on its first diff, deploy or destroy, or one whose provider
// mirror lacks the pinned version.

/** Where a team without registry access reads what to do. */
export const OFFLINE_ROUTE = 'docs/deploying.md, "Without registry access"';

/** Terraform's and OpenTofu's words for each failure, most specific first; the reason completes "terraform init". */
const FAILURES: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  {
    pattern: /could not connect to registry\.(terraform\.io|opentofu\.org)|failed to request discovery document/,
    reason: 'could not reach the provider registry',
  },
  {
    pattern: /no available releases match the given constraints/,
    reason: "found no release matching the stack's provider versions in its provider sources (registry or mirror)",
  },
  {
    pattern: /Failed to query available provider packages|Failed to install provider/,
    reason: 'could not install the providers',
  },
];

/** The CLI's colour and cursor sequences, which may split a phrase. */
const ANSI_SEQUENCE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');

/** Watches output as it streams, chunk by chunk, for a provider installation failure. */
export class ProviderInstallWatch {
  private tail = '';
  private found = FAILURES.length;

  /** Reads one chunk of output; a phrase split across two chunks is still found. */
  read(chunk: string): void {
    const text = this.tail + chunk.replace(ANSI_SEQUENCE, '');
    const index = FAILURES.findIndex((failure) => failure.pattern.test(text));
    if (index >= 0 && index < this.found) this.found = index;
    // Long enough to hold the longest phrase across a chunk boundary.
    this.tail = text.slice(-120);
  }

  /** Why init failed, completing "terraform init ...", or undefined when no chunk said so. */
  get reason(): string | undefined {
    return FAILURES[this.found]?.reason;
  }
}
