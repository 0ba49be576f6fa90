export { PreviewPanel } from './components/PreviewPanel';
