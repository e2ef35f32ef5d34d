using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// A read-only OCI registry on 127.0.0.1 serving one base image made from the .NET runtime installed on this machine,
/// so <c>dotnet publish -t:PublishContainer</c> builds an image without reaching mcr.microsoft.com. It answers what the
/// SDK asks (<c>/v2/</c>, the manifest by tag or digest, blobs by digest) and 404 for anything else, as a registry does.
/// </summary>
/// <remarks>
/// The image stands for <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>: the runtime and ASP.NET Core shared frameworks
/// under <c>/usr/share/dotnet</c>, <c>dotnet</c> on the path, the same environment (<c>APP_UID=1654</c>,
/// <c>ASPNETCORE_HTTP_PORTS=8080</c>) and the same <c>app</c> user (1654). Of the operating system it holds only what
/// the runtime needs to run: the C and C++ libraries it links (found with <c>ldd</c>), OpenSSL and ICU (which it
/// loads), the time zones, <c>/etc/passwd</c>, <c>/tmp</c>.
/// </remarks>
internal sealed partial class LoopbackRegistry : IAsyncDisposable
{
    public const string Repository = "dotnet/aspnet";
    public const string Tag = "10.0";
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    private readonly Dictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly byte[] _manifest;
    private int _requests;

    private LoopbackRegistry(int port, byte[] layer, string runtimeVersion)
    {
        Port = port;
        LayerDigest = AddBlob(layer);
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
            os = "linux",
            config = new
            {
                Env = new[]
                {
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/share/dotnet",
                    "APP_UID=1654",
                    "ASPNETCORE_HTTP_PORTS=8080",
                    "DOTNET_RUNNING_IN_CONTAINER=true",
                    "DOTNET_VERSION=" + runtimeVersion,
                },
            },
            rootfs = new { type = "layers", diff_ids = new[] { LayerDigest } },
        });
        var configDigest = AddBlob(config);
        _manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = ManifestMediaType,
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar", digest = LayerDigest, size = layer.Length } },
        });
        ManifestDigest = Digest(_manifest);
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Gets the image reference for <c>ContainerBaseImage</c>.</summary>
    public string BaseImage => $"127.0.0.1:{Port}/{Repository}:{Tag}";

    public string LayerDigest { get; }

    public string ManifestDigest { get; }

    /// <summary>Gets how many requests the registry answered with an image part (manifest or blob).</summary>
    public int ImageRequests => Volatile.Read(ref _requests);

    /// <summary>Builds the base image from the runtime running this test and starts serving it.</summary>
    public static async Task<LoopbackRegistry> StartAsync()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/10.0.x/
        var runtimeDirectory = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var dotnetRoot = runtimeDirectory.Parent!.Parent!.Parent!;
        var aspNetCore = new DirectoryInfo(Path.Combine(dotnetRoot.FullName, "shared", "Microsoft.AspNetCore.App"))
            .EnumerateDirectories(runtimeDirectory.Name.Split('.')[0] + ".*")
            .OrderByDescending(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version())
            .First();

        var libraries = await NativeLibrariesAsync(dotnetRoot, runtimeDirectory, aspNetCore);
        using var layer = new MemoryStream();
        await using (var tar = new TarWriter(layer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var directory in new[] { "usr", "usr/bin", "usr/share", "usr/share/dotnet", "usr/share/dotnet/shared", "etc", "proc", "dev", "home" })
            {
                await WriteDirectoryAsync(tar, written, directory);
            }

            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "tmp/") { Mode = DirectoryMode | UnixFileMode.OtherWrite | UnixFileMode.GroupWrite | UnixFileMode.StickyBit });
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "home/app/") { Mode = DirectoryMode, Uid = 1654, Gid = 1654 });
            await WriteTextAsync(tar, "etc/passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:1654:1654:app:/home/app:/usr/sbin/nologin\n");
            await WriteTextAsync(tar, "etc/group", "root:x:0:\napp:x:1654:\n");
            foreach (var library in libraries)
            {
                var name = library.TrimStart('/');
                foreach (var parent in Parents(name))
                {
                    await WriteDirectoryAsync(tar, written, parent);
                }

                // The file itself, not the symbolic link the loader found it by.
                var target = new FileInfo(library).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? library;
                await tar.WriteEntryAsync(target, name);
            }

            if (Directory.Exists("/usr/share/zoneinfo"))
            {
                await AddTreeAsync(tar, new DirectoryInfo("/usr/share/zoneinfo"), "usr/share/zoneinfo");
            }

            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "usr/bin/dotnet") { LinkName = "../share/dotnet/dotnet" });
            await tar.WriteEntryAsync(Path.Combine(dotnetRoot.FullName, "dotnet"), "usr/share/dotnet/dotnet");
            await AddTreeAsync(tar, new DirectoryInfo(Path.Combine(dotnetRoot.FullName, "host")), "usr/share/dotnet/host");
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "usr/share/dotnet/shared/Microsoft.NETCore.App/") { Mode = DirectoryMode });
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "usr/share/dotnet/shared/Microsoft.AspNetCore.App/") { Mode = DirectoryMode });
            await AddTreeAsync(tar, runtimeDirectory, "usr/share/dotnet/shared/Microsoft.NETCore.App/" + runtimeDirectory.Name);
            await AddTreeAsync(tar, aspNetCore, "usr/share/dotnet/shared/Microsoft.AspNetCore.App/" + aspNetCore.Name);
        }

        return new LoopbackRegistry(FreePort(), layer.ToArray(), runtimeDirectory.Name);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static async Task AddTreeAsync(TarWriter tar, DirectoryInfo source, string entryName)
    {
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, entryName + "/") { Mode = DirectoryMode });
        foreach (var file in source.EnumerateFiles())
        {
            await tar.WriteEntryAsync(file.FullName, entryName + "/" + file.Name);
        }

        foreach (var directory in source.EnumerateDirectories())
        {
            if (directory.LinkTarget is not null)
            {
                // A link to a directory (zoneinfo/posix -> .) stays a link.
                await tar.WriteEntryAsync(directory.FullName, entryName + "/" + directory.Name);
                continue;
            }

            await AddTreeAsync(tar, directory, entryName + "/" + directory.Name);
        }
    }

    private static async Task WriteDirectoryAsync(TarWriter tar, HashSet<string> written, string name)
    {
        if (written.Add(name))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = DirectoryMode });
        }
    }

    private static async Task WriteTextAsync(TarWriter tar, string name, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            DataStream = content,
        });
    }

    private static IEnumerable<string> Parents(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }

    /// <summary>
    /// The shared libraries the runtime needs: what <c>ldd</c> finds for the host, hostfxr and the frameworks' native
    /// libraries, plus OpenSSL and ICU, which the runtime loads by name at run time (and what they link).
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> NativeLibrariesAsync(DirectoryInfo dotnetRoot, DirectoryInfo runtime, DirectoryInfo aspNetCore)
    {
        var binaries = new List<string> { Path.Combine(dotnetRoot.FullName, "dotnet") };
        binaries.AddRange(Directory.EnumerateFiles(Path.Combine(dotnetRoot.FullName, "host"), "*.so", SearchOption.AllDirectories));
        binaries.AddRange(runtime.EnumerateFiles("*.so").Concat(aspNetCore.EnumerateFiles("*.so")).Select(f => f.FullName));
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        await LddAsync(binaries, libraries);

        // Loaded with dlopen, so ldd does not list them: look beside libc.
        var directories = libraries.Select(Path.GetDirectoryName).Distinct().Where(Directory.Exists)
            .Concat(["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]).Distinct().Where(Directory.Exists);
        var loaded = directories
            .SelectMany(d => Directory.EnumerateFiles(d!))
            .Where(f => LoadedByName().IsMatch(Path.GetFileName(f)))
            .GroupBy(Path.GetFileName)
            .Select(g => g.First())
            .ToList();
        await LddAsync(loaded, libraries);
        foreach (var library in loaded)
        {
            libraries.Add(library);
        }

        return libraries;
    }

    private static async Task LddAsync(IEnumerable<string> binaries, SortedSet<string> libraries)
    {
        var info = new System.Diagnostics.ProcessStartInfo("ldd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var binary in binaries)
        {
            info.ArgumentList.Add(binary);
        }

        using var ldd = System.Diagnostics.Process.Start(info)!;
        var error = ldd.StandardError.ReadToEndAsync();
        foreach (Match match in LddPath().Matches(await ldd.StandardOutput.ReadToEndAsync()))
        {
            var path = match.Groups["path"].Value;
            if (!path.StartsWith(Path.GetDirectoryName(typeof(object).Assembly.Location)!, StringComparison.Ordinal)
                && !path.Contains("/dotnet/", StringComparison.Ordinal))
            {
                libraries.Add(path);
            }
        }

        await ldd.WaitForExitAsync();
        _ = await error;
    }

    [GeneratedRegex(@"^(libssl\.so\.3|libcrypto\.so\.3|libicu(uc|i18n|data)\.so\.\d+)$")]
    private static partial Regex LoadedByName();

    [GeneratedRegex(@"(=>\s*|^\s*)(?<path>/[^\s]+)\s+\(0x", RegexOptions.Multiline)]
    private static partial Regex LddPath();

    private static string Digest(byte[] data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string AddBlob(byte[] data)
    {
        var digest = Digest(data);
        _blobs[digest] = data;
        return digest;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            var prefix = $"/v2/{Repository}/";
            byte[]? body = null;
            string? contentType = null;
            string? digest = null;
            if (path is "/v2/" or "/v2")
            {
                body = "{}"u8.ToArray();
                contentType = "application/json";
            }
            else if (path.StartsWith(prefix + "manifests/", StringComparison.Ordinal))
            {
                var reference = path[(prefix.Length + "manifests/".Length)..];
                if (reference == Tag || reference == ManifestDigest)
                {
                    (body, contentType, digest) = (_manifest, ManifestMediaType, ManifestDigest);
                }
            }
            else if (path.StartsWith(prefix + "blobs/", StringComparison.Ordinal)
                && _blobs.TryGetValue(path[(prefix.Length + "blobs/".Length)..], out var blob))
            {
                (body, contentType, digest) = (blob, "application/octet-stream", path[(prefix.Length + "blobs/".Length)..]);
            }

            if (context.Request.HttpMethod is not ("GET" or "HEAD") || body is null)
            {
                response.StatusCode = body is null ? 404 : 405;
                var error = Encoding.UTF8.GetBytes("""{"errors":[{"code":"NAME_UNKNOWN","message":"not served here"}]}""");
                response.ContentType = "application/json";
                response.OutputStream.Write(error);
                return;
            }

            if (digest is not null)
            {
                Interlocked.Increment(ref _requests);
                response.AddHeader("Docker-Content-Digest", digest);
            }

            response.AddHeader("Docker-Distribution-API-Version", "registry/2.0");
            response.ContentType = contentType;
            response.ContentLength64 = body.Length;
            if (context.Request.HttpMethod == "GET")
            {
                response.OutputStream.Write(body);
            }
        }
        catch (HttpListenerException)
        {
            // The client went away.
        }
        finally
        {
            response.Close();
        }
    }
}
