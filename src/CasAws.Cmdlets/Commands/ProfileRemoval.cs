using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using CasAws.Cache;
using CasAws.Files;

namespace CasAws.Commands
{
    /// <summary>
    /// Takes back what Register-CasAwsProfile wrote for one profile (its config lines and its cache entry), for
    /// Unregister-CasAwsProfile and Register-CasAwsProfile -Prune alike; a failure is a non-terminating error.
    /// </summary>
    internal static class ProfileRemoval
    {
        public static void Remove(Cmdlet cmdlet, string configFile, string profileName, bool force, CancellationToken cancellation)
        {
            try
            {
                ConfigFileProfiles.Remove(configFile, profileName, force, cancellation);
                CredentialCacheStore.ForCurrentUser().Delete(profileName);
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
