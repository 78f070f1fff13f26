using System.Threading.RateLimiting;

namespace OkrRollout.Web.Security;

/// <summary>
/// Limits the links people can have e-mailed from the sign-in page (sign-in links, password resets),
/// per address and per client, with ASP.NET Core's rate limiters. The limits are per instance.
/// </summary>
public sealed class SignInRequestLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _passwordsPerAddressAndClient;
    private readonly PartitionedRateLimiter<string> _passwordsPerClient;

    public SignInRequestLimiter(AccountOptions options)
    {
        var window = TimeSpan.FromMinutes(options.RequestWindowMinutes);
        _perAddress = Create(options.RequestsPerAddress, window);
        _perClient = Create(options.RequestsPerClient, window);
        _passwordsPerAddressAndClient = Create(options.PasswordAttemptsPerAddressAndClient, window);
        _passwordsPerClient = Create(options.PasswordAttemptsPerClient, window);
    }

    /// <summary>A password attempt: limited per client and address together and per client, so guessing is slowed without locking the person out.</summary>
    public bool TryAcquirePasswordAttempt(string address, string client)
    {
        using var forClient = _passwordsPerClient.AttemptAcquire(client);
        if (!forClient.IsAcquired)
        {
            return false;
        }
        using var forPair = _passwordsPerAddressAndClient.AttemptAcquire(client + "|" + address);
        return forPair.IsAcquired;
    }

    /// <summary>Takes a permit for the address and one for the client; false when either has none left.</summary>
    public bool TryAcquire(string address, string client)
    {
        using var forClient = _perClient.AttemptAcquire(client);
        if (!forClient.IsAcquired)
        {
            return false;
        }
        using var forAddress = _perAddress.AttemptAcquire(address);
        return forAddress.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));

    public void Dispose()
    {
        _perAddress.Dispose();
        _perClient.Dispose();
        _passwordsPerAddressAndClient.Dispose();
        _passwordsPerClient.Dispose();
    }
}
