-- Entangle: Orleans grain storage in PostgreSQL (ADO.NET persistence, invariant "Npgsql").
--
-- Orleans.Persistence.AdoNet 10.4.2 reads four queries from OrleansQuery (it asks for WriteToStorageKey,
-- ReadFromStorageKey, ClearStorageKey and DeleteStorageKey) and runs them with named parameters: @GrainIdHash and
-- @GrainTypeHash (integer hashes it computes), @GrainIdN0 and @GrainIdN1 (bigint halves of a numeric or Guid key,
-- 0 for a string key), @GrainTypeString, @GrainIdExtensionString (the string key, or a key's extension; may be
-- null), @ServiceId, and for writes and clears @GrainStateVersion (the etag the grain holds; null before its first
-- write) and @PayloadBinary (the serialized state). It reads columns PayloadBinary and Version from a read, and one
-- column NewGrainStateVersion from a write or a clear. The NuGet packages do not ship this script; this one is
-- Entangle's own, written for PostgreSQL 12+ against that contract:
--   * Version is the etag. A write with a null @GrainStateVersion inserts version 1 only if no row exists; a write
--     with a version updates only the row of that version and bumps it. Either way the statement answers the new
--     version, or, when nothing was written (another activation wrote first), the version the grain sent, which
--     Orleans reports as an InconsistentStateException: a state is never overwritten blindly.
--   * A grain's row is found by its hashes and then by the full key (type string, N0, N1, extension), so hash
--     collisions cannot mix two grains; a unique index on the full key stops two first writes both inserting.
--   * Parameters that may be null are cast, so PostgreSQL knows their types.
--
-- Idempotent: ClusterHost applies it on every silo start under an advisory lock, or run it by hand:
--   psql "$CONNECTION" -v ON_ERROR_STOP=1 -f postgresql-persistence.sql

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

CREATE INDEX IF NOT EXISTS OrleansStorage_Hashes ON OrleansStorage (GrainIdHash, GrainTypeHash);
CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_Key
    ON OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, COALESCE(GrainIdExtensionString, ''));

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar(512));
'),
('WriteToStorageKey', '
    WITH updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
        WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
          AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar(512))
          AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version),
    inserted AS (
        INSERT INTO OrleansStorage (ServiceId, GrainTypeHash, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1,
                                    GrainIdExtensionString, PayloadBinary, Version)
        SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
               CAST(@GrainIdExtensionString AS varchar(512)), @PayloadBinary, 1
        WHERE CAST(@GrainStateVersion AS integer) IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version)
    SELECT COALESCE((SELECT Version FROM updated), (SELECT Version FROM inserted), CAST(@GrainStateVersion AS integer)) AS NewGrainStateVersion;
'),
('ClearStorageKey', '
    WITH cleared AS (
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
        WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
          AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar(512))
          AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version)
    SELECT COALESCE((SELECT Version FROM cleared), CAST(@GrainStateVersion AS integer)) AS NewGrainStateVersion;
'),
('DeleteStorageKey', '
    WITH deleted AS (
        DELETE FROM OrleansStorage
        WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
          AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainIdExtensionString IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar(512))
          AND Version = CAST(@GrainStateVersion AS integer)
        RETURNING Version)
    SELECT COALESCE((SELECT Version + 1 FROM deleted), CAST(@GrainStateVersion AS integer)) AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
