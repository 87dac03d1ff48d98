using System;
using System.Threading;
using System.Threading.Tasks;

namespace CasAws.Oidc
{
    /// <summary>
    /// The wait seam of <see cref="OidcLoginService"/>: runs one network step of the login and waits for it on
    /// the caller's thread, showing <c>status</c> while it lasts and passing the caller's cancellation (Ctrl+C)
    /// to the step. A cancelled step ends the wait with an <see cref="OperationCanceledException"/>.
    /// </summary>
    internal interface IOidcLoginWait
    {
        T Wait<T>(Func<CancellationToken, Task<T>> step, string status);
    }
}
