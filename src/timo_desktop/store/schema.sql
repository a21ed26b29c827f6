-- The schema a new database is built with (store/fresh.py): what the migrations
-- build, written by `make schema`. Not edited by hand: add a migration, then run
-- `make schema`.

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

CREATE TABLE entries (
	client_ref VARCHAR(36) NOT NULL, 
	workspace_id VARCHAR, 
	remote_id VARCHAR, 
	remote_version INTEGER, 
	project_id VARCHAR, 
	task_id VARCHAR, 
	record_id VARCHAR, 
	description TEXT DEFAULT '' NOT NULL, 
	tags TEXT DEFAULT '[]' NOT NULL, 
	billable BOOLEAN DEFAULT 0 NOT NULL, 
	start_at VARCHAR(20) NOT NULL, 
	end_at VARCHAR(20), 
	timezone VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	created_at VARCHAR(20) NOT NULL, 
	updated_at VARCHAR(20) NOT NULL, 
	deleted_at VARCHAR(20), 
	sync_state VARCHAR DEFAULT 'pending' NOT NULL, last_error_code VARCHAR, last_error_message TEXT, start_epoch INTEGER, end_epoch INTEGER, 
	PRIMARY KEY (client_ref), 
	CONSTRAINT ck_entries_sync CHECK (sync_state IN ('pending', 'synced', 'attention')), 
	UNIQUE (remote_id)
);

CREATE INDEX ix_entries_start_at ON entries (start_at);

CREATE UNIQUE INDEX ix_entries_one_running ON entries ((end_at IS NULL)) WHERE end_at IS NULL AND deleted_at IS NULL;

CREATE TABLE outbox (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	client_ref VARCHAR(36) NOT NULL, 
	workspace_id VARCHAR, 
	op VARCHAR NOT NULL, 
	payload TEXT NOT NULL, 
	idempotency_key VARCHAR NOT NULL, 
	state VARCHAR DEFAULT 'pending' NOT NULL, 
	attempts INTEGER DEFAULT 0 NOT NULL, 
	next_attempt_at VARCHAR(20), 
	created_at VARCHAR(20) NOT NULL, 
	sent_at VARCHAR(20), 
	last_error_code VARCHAR, 
	last_error_message TEXT, 
	CONSTRAINT ck_outbox_op CHECK (op IN ('create', 'update', 'delete', 'stop')), 
	CONSTRAINT ck_outbox_state CHECK (state IN ('pending', 'inflight', 'done', 'parked')), 
	UNIQUE (idempotency_key)
);

CREATE INDEX ix_outbox_state_id ON outbox (state, id);

CREATE INDEX ix_outbox_client_ref ON outbox (client_ref);

CREATE TABLE meta (
	"key" VARCHAR NOT NULL, 
	value TEXT NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE heartbeat (
	id INTEGER NOT NULL, 
	alive_at VARCHAR(20) NOT NULL, 
	pid INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_heartbeat_single CHECK (id = 1)
);

CREATE TABLE projects (
	id VARCHAR NOT NULL, 
	workspace_id VARCHAR, 
	name VARCHAR NOT NULL, 
	client_record_id VARCHAR, 
	status VARCHAR DEFAULT 'active' NOT NULL, 
	billable_default BOOLEAN DEFAULT 0 NOT NULL, 
	can_track BOOLEAN DEFAULT 1 NOT NULL, 
	service_type VARCHAR, 
	phase VARCHAR, 
	estimate_minutes INTEGER, 
	version INTEGER, 
	updated_at VARCHAR(20), tracked_minutes INTEGER, tracked_at VARCHAR(20), tracked_own_seconds INTEGER, 
	PRIMARY KEY (id)
);

CREATE TABLE tasks (
	id VARCHAR NOT NULL, 
	project_id VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	status VARCHAR DEFAULT 'open' NOT NULL, 
	estimate_minutes INTEGER, 
	version INTEGER, tracked_minutes INTEGER, tracked_at VARCHAR(20), tracked_own_seconds INTEGER, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_tasks_project_id ON tasks (project_id);

CREATE TABLE records (
	id VARCHAR NOT NULL, 
	workspace_id VARCHAR, 
	type VARCHAR NOT NULL, 
	display_name VARCHAR NOT NULL, 
	subtitle VARCHAR, 
	status VARCHAR DEFAULT 'active' NOT NULL, 
	trackable BOOLEAN DEFAULT 1 NOT NULL, 
	segment VARCHAR, 
	version INTEGER, 
	updated_at VARCHAR(20), 
	PRIMARY KEY (id)
);

CREATE TABLE sync_requests (
	outbox_id INTEGER NOT NULL, 
	request TEXT NOT NULL, 
	batch_key VARCHAR, 
	PRIMARY KEY (outbox_id)
);

CREATE INDEX ix_sync_requests_batch_key ON sync_requests (batch_key);

CREATE TABLE sync_base (
	client_ref VARCHAR NOT NULL, 
	fields TEXT NOT NULL, 
	PRIMARY KEY (client_ref)
);

CREATE TABLE sync_conflicts (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, 
	client_ref VARCHAR NOT NULL, 
	field VARCHAR NOT NULL, 
	local_value TEXT NOT NULL, 
	server_value TEXT NOT NULL, 
	created_at VARCHAR(20) NOT NULL
, ask_once_unlocked BOOLEAN DEFAULT 0 NOT NULL);

CREATE INDEX ix_sync_conflicts_client_ref ON sync_conflicts (client_ref);

CREATE INDEX ix_entries_report ON entries (start_epoch, end_epoch, billable, project_id, task_id, record_id, deleted_at);

CREATE INDEX ix_entries_project_time ON entries (project_id, start_epoch, end_epoch, billable, deleted_at);

CREATE INDEX ix_entries_task_time ON entries (task_id, start_epoch, end_epoch, billable, deleted_at);

CREATE INDEX ix_entries_attention ON entries (start_at) WHERE sync_state = 'attention';

INSERT INTO alembic_version (version_num) VALUES ('0007');
