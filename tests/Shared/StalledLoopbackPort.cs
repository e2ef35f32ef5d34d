using System.Net;
using System.Net.Sockets;

namespace HotelAgent.Tests.Shared;

// Linked into the test projects that check connect timeouts (tests/Shared is not a project of its own).
/// <summary>
/// A loopback port on which a TCP connect never completes: a listener with a backlog of 0 that never accepts, whose
/// accept queue is filled by connections of its own, so the kernel drops further SYNs and a client waits until its
/// connect timeout. Nothing leaves the machine.
/// </summary>
public sealed class StalledLoopbackPort : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    private StalledLoopbackPort(Socket listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>Gets the port.</summary>
    public int Port { get; }

    /// <summary>Gets <c>http://127.0.0.1:{Port}/</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Opens the listener and fills its accept queue until a connect stalls.</summary>
    /// <returns>The port, ready.</returns>
    public static async Task<StalledLoopbackPort> StartAsync()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = new StalledLoopbackPort(listener);
        for (var i = 0; i < 64; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(250));
            try
            {
                await filler.ConnectAsync(IPAddress.Loopback, port.Port, wait.Token);
                port._fillers.Add(filler);
            }
            catch (OperationCanceledException)
            {
                filler.Dispose();
                return port;
            }
        }

        port.Dispose();
        throw new InvalidOperationException("The accept queue of the loopback listener never filled up; connects do not stall on this machine.");
    }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}
