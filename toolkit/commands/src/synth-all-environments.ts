#!/usr/bin/env node
// The root cdktf app: every environment under apps/ in one app, for `cdktf list` and cross-environment
// checks (names, folders and VPC CIDRs unique across the repository). Deploy from an environment's own folder.
import { loadRepositoryEnvironments, runSynth } from '@lambda-vpc/stacks';
import { repositoryRoot } from './repository-root';

runSynth(() => loadRepositoryEnvironments(repositoryRoot));
