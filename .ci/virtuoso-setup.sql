-- Run by .ci/run through isql-vt as dba: a user that may update by SPARQL (on /sparql-auth
-- and /sparql-graph-crud-auth, with Digest auth), then a dba password nobody knows.
DB.DBA.USER_CREATE ('@USER@', '@PASSWORD@');
GRANT SPARQL_SELECT TO "@USER@";
GRANT SPARQL_UPDATE TO "@USER@";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('@USER@', 3);
DB.DBA.USER_CHANGE_PASSWORD ('dba', 'dba', '@DBA_PASSWORD@');
