export { useCampaign } from './api/get-campaign';
export { PipelineStepper } from './components/PipelineStepper';
export { CopyEditor } from './components/CopyEditor';
export { VersionHistory } from './components/VersionHistory';
export { CopyChanges } from './components/CopyChanges';
export { FactsEditor } from './components/FactsEditor';
