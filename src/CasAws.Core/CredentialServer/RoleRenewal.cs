using System;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.CredentialServer
{
    /// <summary>
    /// Keeps one role's credentials of one session fresh, in the background: when less than <see cref="Margin"/>
    /// is left, it renews them once (silently for OpenID Connect, one announced CAS login for awsSts), so every
    /// endpoint and cmdlet that uses the role shares that one renewal (the keys land in the session's cache).
    /// It never waits for a person: a session that cannot renew alone says so before expiry instead.
    /// Shared through <see cref="RoleRenewals"/>.
    /// </summary>
    internal sealed class RoleRenewal
    {
        /// <summary>The shortest and longest time the loop sleeps before it looks again (see <see cref="LookAgainAfter"/>).</summary>
        internal static readonly TimeSpan LookAgainAtLeast = TimeSpan.FromSeconds(2);

        internal static readonly TimeSpan LookAgainAtMost = TimeSpan.FromSeconds(30);

        private readonly CasCredentialService _service;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        // Released when the margin widens, so that an earlier due time is acted on at once rather than at the next look.
        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0, 1);
        private CasAwsCredential _own;
        private long _marginTicks;
        private int _renewals;
        private string? _problem;
        private string? _gaveUpOn;
        private string? _warnedFor;

        public RoleRenewal(CasAwsSession session, CasCredentialService service, string? roleArn, TimeSpan duration, CasAwsCredential first, TimeSpan margin)
        {
            Session = session;
            _service = service;
            RoleArn = roleArn;
            Duration = duration;
            _own = first;
            _marginTicks = margin.Ticks;
            RoleName = roleArn == null ? "session credentials" : CasAwsRole.FromArn(roleArn).RoleName;
        }

        /// <summary>Raised on a background thread; handlers must not block.</summary>
        public event Action<RenewalNotice>? Notice;

        public CasAwsSession Session { get; }

        public string? RoleArn { get; }

        public string RoleName { get; }

        public TimeSpan Duration { get; }

        public TimeSpan Margin => TimeSpan.FromTicks(Interlocked.Read(ref _marginTicks));

        public int Renewals => Volatile.Read(ref _renewals);

        /// <summary>Why the last renewal failed, or null.</summary>
        public string? Problem => Volatile.Read(ref _problem);

        /// <summary>The freshest keys: this renewal's, or newer ones a cmdlet put in the session's cache. From memory only.</summary>
        public CasAwsCredential Current
        {
            get
            {
                CasAwsCredential own = Volatile.Read(ref _own);
                CasAwsCredential? cached = _service.Latest(Request(force: false));
                return cached != null && cached.Expiration > own.Expiration ? cached : own;
            }
        }

        public RenewalKind Kind => RenewalPlan.For(Session, Current.Expiration);

        /// <summary>A later user of the role may ask for an earlier renewal; the larger margin wins.</summary>
        public void WidenMargin(TimeSpan margin)
        {
            long ticks;
            do
            {
                ticks = Interlocked.Read(ref _marginTicks);
                if (margin.Ticks <= ticks) return;
            }
            while (Interlocked.CompareExchange(ref _marginTicks, margin.Ticks, ticks) != ticks);
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // already woken
            }
        }

        public void Start() => _ = Task.Run(LoopAsync);

        public void Stop() => _stop.Cancel();

        private CredentialRequest Request(bool force) => new CredentialRequest(Duration) { RoleArn = RoleArn, Force = force };

        private async Task LoopAsync()
        {
            CancellationToken stopping = _stop.Token;
            while (!stopping.IsCancellationRequested)
            {
                CasAwsCredential current = Current;
                TimeSpan left = current.Expiration - DateTime.UtcNow;
                TimeSpan untilDue = left - Margin;
                TimeSpan lookAgain = LookAgainAfter(left);
                try
                {
                    if (untilDue > TimeSpan.Zero || current.AccessKey == Volatile.Read(ref _gaveUpOn))
                    {
                        await _wake.WaitAsync(untilDue > TimeSpan.Zero && untilDue < lookAgain ? untilDue : lookAgain, stopping).ConfigureAwait(false);
                        continue;
                    }

                    if (!await RenewAsync(current, stopping).ConfigureAwait(false))
                    {
                        await _wake.WaitAsync(lookAgain, stopping).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        /// <returns>False when a silent renewal failed and should be tried again soon.</returns>
        private async Task<bool> RenewAsync(CasAwsCredential current, CancellationToken stopping)
        {
            TimeSpan left = current.Expiration - DateTime.UtcNow;
            RenewalKind kind = RenewalPlan.For(Session, current.Expiration);
            if (kind == RenewalKind.NeedsPerson)
            {
                Volatile.Write(ref _gaveUpOn, current.AccessKey);
                if (Interlocked.Exchange(ref _warnedFor, current.AccessKey) != current.AccessKey)
                {
                    Raise(new RenewalNotice(RenewalPlan.WhyPersonNeeded(Session, RoleName) + " " + RenewalPlan.Minutes(left) + " left.", ErrorIds.RenewalNeedsPerson));
                }

                return true;
            }

            if (kind == RenewalKind.DuoPush)
            {
                Raise(new RenewalNotice($"Approve the Duo push to keep '{RoleName}' going; {RenewalPlan.Minutes(left)} left."));
            }

            try
            {
                CredentialResult result = await _service.GetCredentialAsync(Request(force: true), stopping).ConfigureAwait(false);
                Volatile.Write(ref _own, result.Credential);
                Volatile.Write(ref _problem, null);
                Interlocked.Increment(ref _renewals);
                return true;
            }
            catch (CasAwsException failure)
            {
                Volatile.Write(ref _problem, failure.Message);
                Raise(new RenewalNotice($"Renewing '{RoleName}' failed ({RenewalPlan.Minutes(left)} left): {failure.Message}", ErrorIds.RenewalFailed));
                if (kind == RenewalKind.DuoPush)
                {
                    Volatile.Write(ref _gaveUpOn, current.AccessKey);
                    return true;
                }

                return false;
            }
        }

        private void Raise(RenewalNotice notice)
        {
            try
            {
                Notice?.Invoke(notice);
            }
            catch (Exception problem) when (!(problem is OutOfMemoryException))
            {
                // a host that is gone: the renewal goes on
            }
        }

        /// <summary>
        /// How long the loop sleeps before it looks again at keys with <paramref name="left"/> to live: a sixtieth
        /// of that, at least 2 s and at most 30 s (30 s too once they have expired). It is how soon a failed silent
        /// renewal is tried again (a failed push is not: each costs a push), keys a person fetched after the renewal
        /// gave up are picked up, and a computer that slept through the due time notices; so keys close to expiry are
        /// looked at more often than keys with hours to go, and a 15-minute key is not kept on a 12-hour key's schedule.
        /// </summary>
        internal static TimeSpan LookAgainAfter(TimeSpan left)
        {
            if (left <= TimeSpan.Zero) return LookAgainAtMost;
            TimeSpan share = TimeSpan.FromTicks(left.Ticks / 60);
            return share < LookAgainAtLeast ? LookAgainAtLeast : share > LookAgainAtMost ? LookAgainAtMost : share;
        }
    }
}
