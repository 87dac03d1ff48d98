using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using CasAws.Cache;
using CasAws.Files;

namespace CasAws.Commands
{
    /// <summary>
    /// Takes back what CasAws wrote for one profile: what Register-CasAwsProfile wrote (its config lines and
    /// its cache entry), for Unregister-CasAwsProfile and Register-CasAwsProfile -Prune alike, and the keys
    /// -StoreAs wrote; a failure is a non-terminating error.
    /// </summary>
    internal static class ProfileRemoval
    {
        public static void Remove(Cmdlet cmdlet, string configFile, string profileName, bool force, CancellationToken cancellation) =>
            Run(cmdlet, profileName, () =>
            {
                ConfigFileProfiles.Remove(configFile, profileName, force, cancellation);
                CredentialCacheStore.ForCurrentUser().Delete(profileName);
            });

        public static void RemoveStoredKeys(Cmdlet cmdlet, string credentialsFile, string profileName, bool force, CancellationToken cancellation) =>
            Run(cmdlet, profileName, () => CredentialsFileProfiles.Remove(credentialsFile, profileName, force, cancellation));

        private static void Run(Cmdlet cmdlet, string profileName, Action remove)
        {
            try
            {
                remove();
            }
            catch (AwsFileException exception)
            {
                cmdlet.WriteError(ProfileErrorRecords.From(exception));
            }
            catch (ProfileNotOwnedException exception)
            {
                cmdlet.WriteError(ProfileErrorRecords.From(exception));
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                cmdlet.WriteError(ProfileErrorRecords.CacheNotWritable(profileName, exception));
            }
        }
    }
}
