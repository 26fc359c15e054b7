-- Catalogs of features DuckDB does not have (operator families, text search, conversions,
-- transforms, large objects, security labels, rules, triggers, policies, publications,
-- subscriptions, foreign data, extensions, per-role settings). They exist, empty, with every
-- column PostgreSQL 15 gives them, so that clients which read them whole (pg_dump reads each
-- one with its full column list) get no rows instead of an error. Types follow the other
-- catalogs: oid as BIGINT, name/text/"char" as VARCHAR, regproc as its name.

CREATE OR REPLACE VIEW pg_opfamily AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS opfmethod, NULL::VARCHAR AS opfname,
       NULL::BIGINT AS opfnamespace, NULL::BIGINT AS opfowner
WHERE false;

CREATE OR REPLACE VIEW pg_amop AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS amopfamily, NULL::BIGINT AS amoplefttype,
       NULL::BIGINT AS amoprighttype, NULL::SMALLINT AS amopstrategy, NULL::VARCHAR AS amoppurpose,
       NULL::BIGINT AS amopopr, NULL::BIGINT AS amopmethod, NULL::BIGINT AS amopsortfamily
WHERE false;

CREATE OR REPLACE VIEW pg_amproc AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS amprocfamily, NULL::BIGINT AS amproclefttype,
       NULL::BIGINT AS amprocrighttype, NULL::SMALLINT AS amprocnum, NULL::VARCHAR AS amproc
WHERE false;

CREATE OR REPLACE VIEW pg_ts_parser AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS prsname, NULL::BIGINT AS prsnamespace,
       NULL::VARCHAR AS prsstart, NULL::VARCHAR AS prstoken, NULL::VARCHAR AS prsend,
       NULL::VARCHAR AS prsheadline, NULL::VARCHAR AS prslextype
WHERE false;

CREATE OR REPLACE VIEW pg_ts_template AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS tmplname, NULL::BIGINT AS tmplnamespace,
       NULL::VARCHAR AS tmplinit, NULL::VARCHAR AS tmpllexize
WHERE false;

CREATE OR REPLACE VIEW pg_ts_dict AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS dictname, NULL::BIGINT AS dictnamespace,
       NULL::BIGINT AS dictowner, NULL::BIGINT AS dicttemplate, NULL::VARCHAR AS dictinitoption
WHERE false;

CREATE OR REPLACE VIEW pg_ts_config AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS cfgname, NULL::BIGINT AS cfgnamespace,
       NULL::BIGINT AS cfgowner, NULL::BIGINT AS cfgparser
WHERE false;

CREATE OR REPLACE VIEW pg_ts_config_map AS
SELECT NULL::BIGINT AS mapcfg, NULL::INTEGER AS maptokentype, NULL::INTEGER AS mapseqno,
       NULL::BIGINT AS mapdict
WHERE false;

CREATE OR REPLACE VIEW pg_conversion AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS conname, NULL::BIGINT AS connamespace,
       NULL::BIGINT AS conowner, NULL::INTEGER AS conforencoding, NULL::INTEGER AS contoencoding,
       NULL::VARCHAR AS conproc, NULL::BOOLEAN AS condefault
WHERE false;

CREATE OR REPLACE VIEW pg_transform AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS trftype, NULL::BIGINT AS trflang,
       NULL::VARCHAR AS trffromsql, NULL::VARCHAR AS trftosql
WHERE false;

CREATE OR REPLACE VIEW pg_largeobject_metadata AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS lomowner, NULL::VARCHAR[] AS lomacl
WHERE false;

CREATE OR REPLACE VIEW pg_seclabel AS
SELECT NULL::BIGINT AS objoid, NULL::BIGINT AS classoid, NULL::INTEGER AS objsubid,
       NULL::VARCHAR AS provider, NULL::VARCHAR AS label
WHERE false;

CREATE OR REPLACE VIEW pg_shseclabel AS
SELECT NULL::BIGINT AS objoid, NULL::BIGINT AS classoid, NULL::VARCHAR AS provider,
       NULL::VARCHAR AS label
WHERE false;

CREATE OR REPLACE VIEW pg_seclabels AS
SELECT NULL::BIGINT AS objoid, NULL::BIGINT AS classoid, NULL::INTEGER AS objsubid,
       NULL::VARCHAR AS objtype, NULL::BIGINT AS objnamespace, NULL::VARCHAR AS objname,
       NULL::VARCHAR AS provider, NULL::VARCHAR AS label
WHERE false;

CREATE OR REPLACE VIEW pg_db_role_setting AS
SELECT NULL::BIGINT AS setdatabase, NULL::BIGINT AS setrole, NULL::VARCHAR[] AS setconfig
WHERE false;

CREATE OR REPLACE VIEW pg_user_mapping AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS umuser, NULL::BIGINT AS umserver,
       NULL::VARCHAR[] AS umoptions
WHERE false;

CREATE OR REPLACE VIEW pg_aggregate AS
SELECT NULL::VARCHAR AS aggfnoid, NULL::VARCHAR AS aggkind, NULL::SMALLINT AS aggnumdirectargs,
       NULL::VARCHAR AS aggtransfn, NULL::VARCHAR AS aggfinalfn, NULL::VARCHAR AS aggcombinefn,
       NULL::VARCHAR AS aggserialfn, NULL::VARCHAR AS aggdeserialfn, NULL::VARCHAR AS aggmtransfn,
       NULL::VARCHAR AS aggminvtransfn, NULL::VARCHAR AS aggmfinalfn,
       NULL::BOOLEAN AS aggfinalextra, NULL::BOOLEAN AS aggmfinalextra,
       NULL::VARCHAR AS aggfinalmodify, NULL::VARCHAR AS aggmfinalmodify, NULL::BIGINT AS aggsortop,
       NULL::BIGINT AS aggtranstype, NULL::INTEGER AS aggtransspace, NULL::BIGINT AS aggmtranstype,
       NULL::INTEGER AS aggmtransspace, NULL::VARCHAR AS agginitval, NULL::VARCHAR AS aggminitval
WHERE false;

CREATE OR REPLACE VIEW pg_subscription AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS subdbid, NULL::VARCHAR AS subskiplsn,
       NULL::VARCHAR AS subname, NULL::BIGINT AS subowner, NULL::BOOLEAN AS subenabled,
       NULL::BOOLEAN AS subbinary, NULL::BOOLEAN AS substream, NULL::VARCHAR AS subtwophasestate,
       NULL::BOOLEAN AS subdisableonerr, NULL::VARCHAR AS subconninfo, NULL::VARCHAR AS subslotname,
       NULL::VARCHAR AS subsynccommit, NULL::VARCHAR[] AS subpublications
WHERE false;

CREATE OR REPLACE VIEW pg_opclass AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS opcmethod, NULL::VARCHAR AS opcname,
       NULL::BIGINT AS opcnamespace, NULL::BIGINT AS opcowner, NULL::BIGINT AS opcfamily,
       NULL::BIGINT AS opcintype, NULL::BOOLEAN AS opcdefault, NULL::BIGINT AS opckeytype
WHERE false;

CREATE OR REPLACE VIEW pg_extension AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS extname, NULL::BIGINT AS extowner,
       NULL::BIGINT AS extnamespace, NULL::BOOLEAN AS extrelocatable, NULL::VARCHAR AS extversion,
       NULL::BIGINT[] AS extconfig, NULL::VARCHAR[] AS extcondition
WHERE false;

CREATE OR REPLACE VIEW pg_foreign_data_wrapper AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS fdwname, NULL::BIGINT AS fdwowner,
       NULL::BIGINT AS fdwhandler, NULL::BIGINT AS fdwvalidator, NULL::VARCHAR[] AS fdwacl,
       NULL::VARCHAR[] AS fdwoptions
WHERE false;

CREATE OR REPLACE VIEW pg_foreign_server AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS srvname, NULL::BIGINT AS srvowner,
       NULL::BIGINT AS srvfdw, NULL::VARCHAR AS srvtype, NULL::VARCHAR AS srvversion,
       NULL::VARCHAR[] AS srvacl, NULL::VARCHAR[] AS srvoptions
WHERE false;

CREATE OR REPLACE VIEW pg_default_acl AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS defaclrole, NULL::BIGINT AS defaclnamespace,
       NULL::VARCHAR AS defaclobjtype, NULL::VARCHAR[] AS defaclacl
WHERE false;

CREATE OR REPLACE VIEW pg_cast AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS castsource, NULL::BIGINT AS casttarget,
       NULL::BIGINT AS castfunc, NULL::VARCHAR AS castcontext, NULL::VARCHAR AS castmethod
WHERE false;

CREATE OR REPLACE VIEW pg_event_trigger AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS evtname, NULL::VARCHAR AS evtevent,
       NULL::BIGINT AS evtowner, NULL::BIGINT AS evtfoid, NULL::VARCHAR AS evtenabled,
       NULL::VARCHAR[] AS evttags
WHERE false;

CREATE OR REPLACE VIEW pg_statistic_ext AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS stxrelid, NULL::VARCHAR AS stxname,
       NULL::BIGINT AS stxnamespace, NULL::BIGINT AS stxowner, NULL::INTEGER AS stxstattarget,
       NULL::SMALLINT[] AS stxkeys, NULL::VARCHAR[] AS stxkind, NULL::VARCHAR AS stxexprs
WHERE false;

CREATE OR REPLACE VIEW pg_publication AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS pubname, NULL::BIGINT AS pubowner,
       NULL::BOOLEAN AS puballtables, NULL::BOOLEAN AS pubinsert, NULL::BOOLEAN AS pubupdate,
       NULL::BOOLEAN AS pubdelete, NULL::BOOLEAN AS pubtruncate, NULL::BOOLEAN AS pubviaroot
WHERE false;

CREATE OR REPLACE VIEW pg_publication_rel AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS prpubid, NULL::BIGINT AS prrelid,
       NULL::VARCHAR AS prqual, NULL::SMALLINT[] AS prattrs
WHERE false;

CREATE OR REPLACE VIEW pg_publication_namespace AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS pnpubid, NULL::BIGINT AS pnnspid
WHERE false;

CREATE OR REPLACE VIEW pg_policy AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS polname, NULL::BIGINT AS polrelid,
       NULL::VARCHAR AS polcmd, NULL::BOOLEAN AS polpermissive, NULL::BIGINT[] AS polroles,
       NULL::VARCHAR AS polqual, NULL::VARCHAR AS polwithcheck
WHERE false;

CREATE OR REPLACE VIEW pg_trigger AS
SELECT NULL::BIGINT AS oid, NULL::BIGINT AS tgrelid, NULL::BIGINT AS tgparentid,
       NULL::VARCHAR AS tgname, NULL::BIGINT AS tgfoid, NULL::SMALLINT AS tgtype,
       NULL::VARCHAR AS tgenabled, NULL::BOOLEAN AS tgisinternal, NULL::BIGINT AS tgconstrrelid,
       NULL::BIGINT AS tgconstrindid, NULL::BIGINT AS tgconstraint, NULL::BOOLEAN AS tgdeferrable,
       NULL::BOOLEAN AS tginitdeferred, NULL::SMALLINT AS tgnargs, NULL::SMALLINT[] AS tgattr,
       NULL::BLOB AS tgargs, NULL::VARCHAR AS tgqual, NULL::VARCHAR AS tgoldtable,
       NULL::VARCHAR AS tgnewtable
WHERE false;

CREATE OR REPLACE VIEW pg_init_privs AS
SELECT NULL::BIGINT AS objoid, NULL::BIGINT AS classoid, NULL::INTEGER AS objsubid,
       NULL::VARCHAR AS privtype, NULL::VARCHAR[] AS initprivs
WHERE false;

CREATE OR REPLACE VIEW pg_shdepend AS
SELECT NULL::BIGINT AS dbid, NULL::BIGINT AS classid, NULL::BIGINT AS objid,
       NULL::INTEGER AS objsubid, NULL::BIGINT AS refclassid, NULL::BIGINT AS refobjid,
       NULL::VARCHAR AS deptype
WHERE false;

CREATE OR REPLACE VIEW pg_range AS
SELECT NULL::BIGINT AS rngtypid, NULL::BIGINT AS rngsubtype, NULL::BIGINT AS rngmultitypid,
       NULL::BIGINT AS rngcollation, NULL::BIGINT AS rngsubopc, NULL::VARCHAR AS rngcanonical,
       NULL::VARCHAR AS rngsubdiff
WHERE false;

CREATE OR REPLACE VIEW pg_inherits AS
SELECT NULL::BIGINT AS inhrelid, NULL::BIGINT AS inhparent, NULL::INTEGER AS inhseqno,
       NULL::BOOLEAN AS inhdetachpending
WHERE false;

CREATE OR REPLACE VIEW pg_partitioned_table AS
SELECT NULL::BIGINT AS partrelid, NULL::VARCHAR AS partstrat, NULL::SMALLINT AS partnatts,
       NULL::BIGINT AS partdefid, NULL::SMALLINT[] AS partattrs, NULL::BIGINT[] AS partclass,
       NULL::BIGINT[] AS partcollation, NULL::VARCHAR AS partexprs
WHERE false;

CREATE OR REPLACE VIEW pg_operator AS
SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS oprname, NULL::BIGINT AS oprnamespace,
       NULL::BIGINT AS oprowner, NULL::VARCHAR AS oprkind, NULL::BOOLEAN AS oprcanmerge,
       NULL::BOOLEAN AS oprcanhash, NULL::BIGINT AS oprleft, NULL::BIGINT AS oprright,
       NULL::BIGINT AS oprresult, NULL::BIGINT AS oprcom, NULL::BIGINT AS oprnegate,
       NULL::VARCHAR AS oprcode, NULL::VARCHAR AS oprrest, NULL::VARCHAR AS oprjoin
WHERE false;

CREATE OR REPLACE VIEW pg_foreign_table AS
SELECT NULL::BIGINT AS ftrelid, NULL::BIGINT AS ftserver, NULL::VARCHAR[] AS ftoptions
WHERE false;
