package org.parley.client.ui.internal;

import org.eclipse.osgi.util.NLS;

/** Every user-visible string of the Parley UI; translations live next to messages.properties. */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "org.parley.client.ui.internal.messages"; //$NON-NLS-1$

    public static String Login_Host;
    public static String Login_Port;
    public static String Login_Username;
    public static String Login_Password;
    public static String Login_Remember;
    public static String Login_LogIn;
    public static String Login_Register;
    public static String Login_LogOut;
    public static String Login_Connecting;
    public static String Login_Registering;
    public static String Login_LoggedIn;
    public static String Login_Offline;
    public static String Login_Reconnecting;
    public static String Login_RememberFailed;
    public static String Field_Required;
    public static String Field_BadPort;
    public static String Error_AuthFailed;
    public static String Error_UsernameTaken;
    public static String Error_InvalidUsername;
    public static String Error_WeakPassword;
    public static String Error_RateLimited;
    public static String Error_Unreachable;
    public static String Error_Timeout;
    public static String Error_CertificateChanged;
    public static String Error_CertificateRejected;
    public static String Error_NotConnected;
    public static String Error_ConnectionLost;
    public static String Error_NoSuchUser;
    public static String Error_NoSuchRoom;
    public static String Error_NotAMember;
    public static String Error_TooLarge;
    public static String Error_Internal;
    public static String Error_Unexpected;
    public static String Trust_Title;
    public static String Trust_Intro;
    public static String Trust_Host;
    public static String Trust_Port;
    public static String Trust_Fingerprint;
    public static String Trust_Subject;
    public static String Trust_Validity;
    public static String Trust_ValidityRange;
    public static String Trust_Advice;
    public static String Trust_Accept;
    public static String Trust_Decline;
    public static String Chat_Pending;
    public static String Chat_Failed;
    public static String Chat_FailedHint;
    public static String Chat_Unread;
    public static String Chat_Column_Time;
    public static String Chat_Column_From;
    public static String Chat_Column_Text;
    public static String Chat_Column_State;
    public static String Chat_InputHint;
    public static String Chat_SendFailed;
    public static String Chat_MoreLine;
    public static String Chat_MoreLines;
    public static String Chat_MessageHeader;
    public static String Chat_CopyLine;
    public static String Chat_Copy;
    public static String Chat_DetailMore;
    public static String Chat_Waiting;
    public static String Chat_TooLong;
    public static String Failure_NoSuchUser;
    public static String Failure_NoSuchRoom;
    public static String Failure_NotAMember;
    public static String Failure_TooLarge;
    public static String Rekey_Title;
    public static String Rekey_Heading;
    public static String Rekey_Warning;
    public static String Rekey_Known;
    public static String Rekey_Presented;
    public static String Rekey_Advice;
    public static String Rekey_Confirm;
    public static String Rekey_Accept;
    public static String Rekey_Cancel;
    public static String KnownServers_Description;
    public static String KnownServers_Server;
    public static String KnownServers_Fingerprint;
    public static String KnownServers_Forget;
    public static String Conversations_Name;
    public static String Conversations_Unread;
    public static String Conversations_Capped;
    public static String Conversations_Mentions;
    public static String Conversations_Tooltip;
    public static String Conversations_TooltipMentions;
    public static String Leave_Title;
    public static String Leave_Prompt;
    public static String Users_Filter;
    public static String Users_You;
    public static String Status_Offline;
    public static String Status_Connecting;
    public static String Status_Online;
    public static String Status_Reconnecting;
    public static String Join_Title;
    public static String Join_Prompt;
    public static String Join_Invalid;
    public static String Private_Title;
    public static String Private_Prompt;
    public static String Command_Failed;
    public static String Notify_Title;
    public static String Notify_TitleRoom;
    public static String Notify_TitleAway;
    public static String Notify_Away;
    public static String Prefs_Description;
    public static String Prefs_Host;
    public static String Prefs_Port;
    public static String Prefs_Reconnect;
    public static String Prefs_Notifications;
    public static String Prefs_ProtectionKeyring;
    public static String Prefs_ProtectionGeneratedKey;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
