using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Samordning.FollowUp.Features.Notifications;

/// <summary>Sends plain-text mail through MailKit. Callers never put a personnummer in a message.</summary>
internal sealed class EmailSender(IOptions<SmtpOptions> options)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken) =>
        SendAsync([to], subject, body, cancellationToken);

    /// <summary>One message to every address in <paramref name="to"/>.</summary>
    public async Task SendAsync(IReadOnlyList<string> to, string subject, string body, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.AddRange(to.Select(MailboxAddress.Parse));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port,
            smtp.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
