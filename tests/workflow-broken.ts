// Workflows breaking every safety property of tests/workflow-rules.ts at once: each rule must find its violation here.
import { Workflow, workflow } from './workflow-files';

const brokenLocal: Record<string, string> = {
  './.github/workflows/broken-environment.yml': `
on:
  workflow_call:
    inputs:
      environment: { type: string, required: true }
jobs:
  plan:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    strategy:
      matrix:
        stack: [a]
    steps:
      - run: node toolkit/commands/dist/workflows/saved-plan.js plan x .plans
      - uses: actions/upload-artifact@v4
        with:
          name: plan-\${{ inputs.environment }}-\${{ matrix.stack }}
          retention-days: 14
  apply:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: plan-\${{ inputs.environment }}-\${{ matrix.stack }}
          run-id: 1
      - run: node toolkit/commands/dist/workflows/saved-plan.js apply x .plans
`,
  './.github/actions/broken-credentials': `
runs:
  using: composite
  steps:
    - uses: aws-actions/configure-aws-credentials@v4
      with:
        role-to-assume: \${{ inputs.role }}
    - shell: bash
      if: inputs.auth == 'aws-oidc'
      run: echo "TF_TOKEN_app_terraform_io=$TOKEN" >> "$GITHUB_ENV"
`,
};
export const brokenResolver = (ref: string): Workflow => workflow(ref, brokenLocal[ref], brokenResolver);

export const broken = workflow(
  'broken.yml',
  `
on:
  pull_request_target:
    branches: [main]
  push:
    branches: [develop]
permissions: write-all
jobs:
  checks:
    runs-on: ubuntu-latest
    steps:
      - run: npm install && npm ci && npm test
  plan:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    strategy:
      matrix:
        include:
          - environment: dev
    steps:
      - uses: actions/checkout@v5
      - run: node toolkit/commands/dist/workflows/stacks.js select dev "$RESULT"
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
          aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      - uses: ./.github/actions/broken-credentials
        with:
          role: arn:aws:iam::111111111111:role/x
      - run: cd apps/dev && npx cdktf plan dev-nat-egress
  dev:
    runs-on: ubuntu-latest
    steps:
      - run: node toolkit/commands/dist/workflows/matrix.js >> "$GITHUB_OUTPUT"
      - run: cd apps/dev && npx cdktf deploy --auto-approve dev-nat-egress
  deploy:
    needs: dev
    strategy:
      max-parallel: 3
      matrix:
        environment: [dev, staging, prod]
    concurrency:
      group: deploy
      cancel-in-progress: true
    uses: ./.github/workflows/broken-environment.yml
    with:
      environment: prod
`,
  brokenResolver,
);
