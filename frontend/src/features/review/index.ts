export { ReviewForm } from './components/ReviewForm';
export { DownloadCard } from './components/DownloadCard';
export { ShareReviewLink } from './components/ShareReviewLink';
export { LivePreview } from './components/LivePreview';
export { CommentsPanel } from './components/CommentsPanel';
