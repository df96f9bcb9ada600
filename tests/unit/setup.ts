// happy-dom has no IndexedDB; fake-indexeddb gives every test file a real implementation in memory.
import 'fake-indexeddb/auto';
