using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using CasAws.Files;

namespace CasAws.Connections
{
    /// <summary>
    /// The saved connections of the current user, in one JSON file in the configuration directory. Writes
    /// are atomic and owner-only, and serialised across processes; a corrupt file is reported, never fatal:
    /// reading treats it as empty, and the next save moves it aside (kept for inspection) and starts afresh.
    /// </summary>
    internal sealed class ConnectionStore
    {
        public const string FileName = "connections.json";
        private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

        public ConnectionStore(string directory)
        {
            FilePath = Path.Combine(directory, FileName);
        }

        public static ConnectionStore ForCurrentUser() => new ConnectionStore(ConfigDirectory.Resolve());

        public string FilePath { get; }

        /// <summary>The connections (the default one marked), and a description of any problem with the file.</summary>
        public ConnectionSnapshot Load()
        {
            string json;
            try
            {
                if (!File.Exists(FilePath)) return new ConnectionSnapshot(new List<SavedConnection>(), null);
                if (UntrustedPlace() is string untrusted)
                {
                    return new ConnectionSnapshot(new List<SavedConnection>(), untrusted, Errors.ErrorIds.ConnectionSettingsUntrusted);
                }

                json = File.ReadAllText(FilePath, new UTF8Encoding(false, throwOnInvalidBytes: true));
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException || exception is DecoderFallbackException)
            {
                return new ConnectionSnapshot(new List<SavedConnection>(), $"'{FilePath}' cannot be read ({exception.Message})");
            }

            ParsedConnections parsed;
            try
            {
                parsed = ConnectionsFile.Parse(json);
            }
            catch (FormatException exception)
            {
                return new ConnectionSnapshot(new List<SavedConnection>(), $"'{FilePath}' is not a valid CasAws settings file ({exception.Message})");
            }

            var connections = parsed.Connections.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList();
            foreach (SavedConnection connection in connections)
            {
                connection.IsDefault = string.Equals(connection.Name, parsed.DefaultName, StringComparison.OrdinalIgnoreCase);
            }

            string? problem = parsed.Skipped == 0 ? null
                : string.Format(CultureInfo.InvariantCulture, "'{0}' has {1} unusable connection entr{2} (no name, no http(s) server, or a value out of shape), which {3} ignored", FilePath, parsed.Skipped, parsed.Skipped == 1 ? "y" : "ies", parsed.Skipped == 1 ? "is" : "are");
            return new ConnectionSnapshot(connections, problem);
        }

        /// <summary>
        /// Another user who can write the settings could send the next login (and its password) to a server
        /// of their choosing: the file is read only when it and its directory are the current user's alone,
        /// as the cache and ssh's files are.
        /// </summary>
        private string? UntrustedPlace()
        {
            foreach (string path in new[] { Path.GetDirectoryName(FilePath)!, FilePath })
            {
                string? reason = PrivateDirectory.Untrusted(path);
                if (reason != null)
                {
                    return $"'{path}' is ignored, so no saved connection was read: {reason}. Make it yours alone (chown, chmod go-w) or point {ConfigDirectory.OverrideVariable} at a directory only you can write";
                }
            }

            return null;
        }

        /// <summary>
        /// Adds or replaces the connection of that name and makes it the default. With <paramref name="nameGiven"/>
        /// false (a login that named no saved connection), nothing saved is ever replaced by another login: the
        /// connection saved for the same server, user and login kind (password or OpenID Connect) is updated under
        /// its name, else the login is saved under a name not yet in use.
        /// </summary>
        public ConnectionSaveResult Save(SavedConnection connection, CancellationToken cancellation, bool nameGiven = true)
        {
            using (CrossProcessLock.Acquire(FilePath, LockTimeout, cancellation))
            {
                ConnectionSnapshot current = Load();
                string? problem = current.Problem;
                if (problem != null && File.Exists(FilePath) && current.Connections.Count == 0)
                {
                    string aside = FilePath + ".corrupt-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
                    File.Move(FilePath, aside);
                    problem += $"; it was moved to '{aside}' and a new file was started";
                }

                if (!nameGiven)
                {
                    List<SavedConnection> sameLogin = current.Connections.Where(c => c.IsSameLogin(connection)).ToList();
                    SavedConnection? match = sameLogin.FirstOrDefault(c => c.IsDefault) ?? sameLogin.FirstOrDefault();
                    connection.Name = match?.Name ?? SavedConnectionNames.Unused(connection, current.Connections.Select(c => c.Name));
                }

                SavedConnection? previous = current.Connections.FirstOrDefault(c => string.Equals(c.Name, connection.Name, StringComparison.OrdinalIgnoreCase));
                bool replaced = previous != null;
                if (previous != null && connection.AccountAliases.Count == 0)
                {
                    // A login saves what it knows; the account names the user set stay with the connection.
                    connection.AccountAliases = previous.AccountAliases;
                }

                List<string> othersForServer = current.Connections
                    .Where(c => c.IsSameServer(connection) && !string.Equals(c.Name, connection.Name, StringComparison.OrdinalIgnoreCase))
                    .Select(c => c.Name).ToList();
                var connections = current.Connections.Where(c => !string.Equals(c.Name, connection.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                connections.Add(connection);
                Write(connections, connection.Name);
                return new ConnectionSaveResult(connection.Name, replaced, othersForServer, problem);
            }
        }

        /// <summary>Removes the named connection; false when there is none.</summary>
        public bool Remove(string name, CancellationToken cancellation)
        {
            using (CrossProcessLock.Acquire(FilePath, LockTimeout, cancellation))
            {
                ConnectionSnapshot current = Load();
                if (current.Problem != null && current.Connections.Count == 0) return false;
                List<SavedConnection> kept = current.Connections.Where(c => !string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (kept.Count == current.Connections.Count) return false;
                string? defaultName = current.Connections.FirstOrDefault(c => c.IsDefault && kept.Contains(c))?.Name;
                Write(kept, defaultName);
                return true;
            }
        }

        /// <summary>
        /// Sets (alias) or removes (null) one account's alias on the named connection; returns the connection as saved,
        /// null when there is no such connection, and throws KeyNotFoundException when removing an alias it does not have.
        /// </summary>
        public SavedConnection? SetAccountAlias(string connectionName, string accountId, string? alias, CancellationToken cancellation)
        {
            using (CrossProcessLock.Acquire(FilePath, LockTimeout, cancellation))
            {
                ConnectionSnapshot current = Load();
                SavedConnection? connection = current.Find(connectionName);
                if (connection == null) return null;
                if (alias == null)
                {
                    if (!connection.AccountAliases.Remove(accountId)) throw new KeyNotFoundException(accountId);
                }
                else
                {
                    connection.AccountAliases[accountId] = alias;
                }

                Write(current.Connections, current.Connections.FirstOrDefault(c => c.IsDefault)?.Name);
                return connection;
            }
        }

        private void Write(IEnumerable<SavedConnection> connections, string? defaultName)
        {
            PrivateDirectory.Ensure(Path.GetDirectoryName(FilePath)!);
            AtomicFileWriter.Write(FilePath, new UTF8Encoding(false).GetBytes(ConnectionsFile.Serialize(connections, defaultName)), FilePrivacy.OwnerOnly);
        }
    }

    /// <summary>Where a login was saved: its name, whether it updated a connection of that name, the other connections for the same server (left as they were), and any problem with the file.</summary>
    internal sealed class ConnectionSaveResult
    {
        public ConnectionSaveResult(string name, bool replaced, IReadOnlyList<string> othersForServer, string? problem)
        {
            Name = name;
            Replaced = replaced;
            OthersForServer = othersForServer;
            Problem = problem;
        }

        public string Name { get; }

        public bool Replaced { get; }

        public IReadOnlyList<string> OthersForServer { get; }

        public string? Problem { get; }
    }

    /// <summary>The connections read, and what was wrong with the file (null when nothing).</summary>
    internal sealed class ConnectionSnapshot
    {
        public ConnectionSnapshot(List<SavedConnection> connections, string? problem, string problemId = Errors.ErrorIds.ConnectionSettingsCorrupt)
        {
            Connections = connections;
            Problem = problem;
            ProblemId = problemId;
        }

        public List<SavedConnection> Connections { get; }

        public string? Problem { get; }

        /// <summary>The warning's id: the file is damaged, or not the current user's alone.</summary>
        public string ProblemId { get; }

        public SavedConnection? Find(string? name) => name == null
            ? Connections.FirstOrDefault(c => c.IsDefault) ?? (Connections.Count == 1 ? Connections[0] : null)
            : Connections.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
