using System;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Errors;

namespace CasAws.Cas
{
    /// <summary>
    /// Whether CAS can be reached at all (TLS trusted, proxy working, name resolved), checked before a
    /// password is asked for, so a certificate problem does not cost the user typing it twice. No login,
    /// no Duo push.
    /// </summary>
    internal static class CasConnectionCheck
    {
        /// <summary>Throws the error the login itself would give for the same transport failure.</summary>
        public static async Task<bool> RequireReachableAsync(CasConnectionSettings settings, CancellationToken cancellationToken)
        {
            CasAnswer? failure = await new CasStsClient(settings).CheckConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (failure != null) throw CasAnswerErrors.ToException(failure, settings, string.Empty, null, TimeSpan.Zero);
            return true;
        }
    }
}
