// The app's entry (index.html): registers the elements.
import './litelab-app.ts';
