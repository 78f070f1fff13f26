using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using OkrRollout.Tests.Infrastructure;

namespace OkrRollout.Tests.Hosting;

/// <summary>
/// Pages run at most Server:ConcurrentPages at a time and the rest wait their turn; static files and
/// the health check never wait. A page filter holds the first request open (with its permit) for as
/// long as the test needs.
/// </summary>
public class PageConcurrencyTests : IClassFixture<PageConcurrencyTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Gate Gate { get; } = new();

        public Factory()
        {
            Settings["Server:ConcurrentPages"] = "1";
            Settings["Server:QueuedPages"] = "1";
            TestServices.Add(services =>
            {
                services.AddSingleton(Gate);
                services.Configure<MvcOptions>(o => o.Filters.Add<Gate.Filter>());
            });
        }
    }

    public sealed class Gate
    {
        public const string Header = "X-Test-Hold";
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public sealed class Filter(Gate gate) : IAsyncPageFilter
        {
            public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

            public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
            {
                if (context.HttpContext.Request.Headers.ContainsKey(Header))
                {
                    gate.Entered.TrySetResult();
                    await gate.Released.Task;
                }
                await next();
            }
        }
    }

    private readonly Factory _factory;

    public PageConcurrencyTests(Factory factory) => _factory = factory;

    [Fact]
    public async Task A_page_waits_for_the_one_before_it_while_static_files_and_health_do_not()
    {
        var client = _factory.CreateRawClient();
        var held = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        held.Headers.Add(Gate.Header, "1");
        var first = client.SendAsync(held);
        await _factory.Gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Two more pages: the queue holds one, so whichever comes second is turned away at once
        // rather than piling up, and the other waits for the held page.
        var more = new[] { client.GetAsync("/Account/SignIn"), client.GetAsync("/Account/SignIn") };
        var turnedAway = await Task.WhenAny(more).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await turnedAway).StatusCode);
        var waiting = more.Single(r => r != turnedAway);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "The waiting page ran beside the held one.");

        _factory.Gate.Released.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        var page = await (await waiting).Content.ReadAsStringAsync();
        Assert.Contains("Input.Email", page);
    }
}
