-- The desktop page asks for the user's last ended session, to say why it ended.
CREATE INDEX desktop_sessions_user_ended ON desktop_sessions (user_id, ended_at DESC) WHERE state = 'ended';
